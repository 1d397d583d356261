/**
 * The fixes control: a page state's fixes reach the runs of figures 1, 3, 5 and 6 as the same
 * jobs figure 4 trains (one change from the same start), and early stopping changes no job.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import type { TrainingJob } from '$lib/onnx/training/driver';
import { fixJob } from './fixRuns';
import { schema } from './lab';
import { symptomJob } from './mlp';
import { runJob } from './runJob';
import { appliedFixes, stopPatience } from './settings';
import { earlyStop, widthAfter, withFixes } from './fixes';

const state = { ...defaults(schema), n: 64, width: 32, epochs: 5 };
const settings = { n: state.n, width: state.width, epochs: state.epochs, lr: state.lr, seed: state.seed };
const strengths = { aug: state.aug, wd: state.wd, dropout: state.dropout, patience: state.patience };

/** What a job trains: its graph, start, batches, steps, hyperparameters and probe. */
const what = (job: TrainingJob) => ({
	bytes: Array.from(job.bytes),
	params: Object.fromEntries(Object.entries(job.params).map(([k, v]) => [k, Array.from(v)])),
	batches: { ...job.batches, dataset: Object.fromEntries(Object.entries(job.batches.dataset.tensors).map(([k, t]) => [k, [t.dims, Array.from(t.data as ArrayLike<number | bigint>, Number)]])) },
	steps: job.maxSteps,
	hyper: job.hyper ?? null,
	probe: job.probe?.at
});

describe('the fixes control', () => {
	it('is none by default: the runs are figure 1’s plain job', () => {
		expect(appliedFixes(state)).toBeUndefined();
		expect(what(runJob({ ...settings, applied: appliedFixes(state) }))).toEqual(what(symptomJob(settings)));
	});

	for (const fix of ['aug', 'wd', 'dropout', 'small'] as const) {
		it(`${fix}: a run with it is figure 4’s run of that fix`, () => {
			const applied = appliedFixes({ ...state, fixes: fix });
			expect(applied).toEqual({ fixes: [fix], strengths });
			expect(what(runJob({ ...settings, applied }))).toEqual(what(fixJob(fix, settings, strengths, settings.epochs)));
		});
	}

	it('all four trained fixes at once are figure 4’s "all at once" run', () => {
		const applied = appliedFixes({ ...state, fixes: 'aug,wd,dropout,small,stop' });
		expect(what(runJob({ ...settings, applied }))).toEqual(what(fixJob('all', settings, strengths, settings.epochs)));
		expect(widthAfter(applied!.fixes, 32)).toBe(8);
		expect(withFixes(applied!.fixes)).toBe('; with augmentation, weight decay, dropout, width ÷ 4 and early stopping');
	});

	it('early stopping alone changes no job, and gives its patience to the figures', () => {
		const applied = appliedFixes({ ...state, fixes: 'stop', patience: 7 });
		expect(what(runJob({ ...settings, applied }))).toEqual(what(symptomJob(settings)));
		expect(stopPatience({ applied })).toBe(7);
		expect(stopPatience({ applied: appliedFixes({ ...state, fixes: 'wd' }) })).toBeNull();
	});

	it('early stopping restores the lowest validation loss before patience runs out', () => {
		const loss = [1, 0.8, 0.7, 0.75, 0.72, 0.71, 0.9, 0.5];
		const points = loss.map((valLoss, epoch) => ({ epoch, valLoss, trainLoss: 0, trainAcc: 0, valAcc: 0 }));
		// The 0.5 at epoch 7 comes after 3 epochs without a new low: patience 3 never sees it.
		expect(earlyStop(points, 3)).toEqual({ stopEpoch: 5, bestEpoch: 2, valLoss: 0.7 });
		expect(earlyStop(points, 5)).toEqual({ stopEpoch: 7, bestEpoch: 7, valLoss: 0.5 });
	});
});
