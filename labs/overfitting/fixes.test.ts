/**
 * Figure 4: each fix alone against the baseline, from the runs checkpoint 3's solve drives (WASM
 * in Node), read with this file's own loss: a recorder around the driver hands this file the raw
 * probes of those very runs (told apart by comparing each job with fixJob's), so they are trained
 * once; early stopping and the winner rule against hand-made curves.
 */
import { describe, expect, it, vi } from 'vitest';
import '../../tests/support/ort';
import type { TrainingJob } from '$lib/onnx/training/driver';
import type { Solution } from '$lib/practice/types';
import * as ort from 'onnxruntime-web';
import { driveJob, type DrivenRun } from '$lib/recorded/drive';
import { CLASSES, splitSets } from './glyphs';
import { schema, type OverfittingState } from './lab';
import { NO_CLEAR_WINNER, whichFix } from './checkpoints';
import { earlyStop, winner, type FixOutcome } from './fixes';
import { FIX_EPOCHS, TRAINED, fixJob, type Trained } from './fixRuns';
import { stepsPerEpoch } from './settings';

type Curve = { epoch: number; valLoss: number; se: number }[];

const settings = { n: schema.n.default, width: schema.width.default, lr: schema.lr.default, seed: schema.seed.default };
const strengths = { aug: schema.aug.default, wd: schema.wd.default, dropout: schema.dropout.default, patience: schema.patience.default };

/** Every run driven in this file, recorded on its way out; the driver itself is the real one. */
const recorded = vi.hoisted(() => [] as { job: TrainingJob; run: DrivenRun }[]);
vi.mock('$lib/recorded/drive', async (importOriginal) => {
	const real = await importOriginal<typeof import('$lib/recorded/drive')>();
	return {
		...real,
		driveJob: async (...args: Parameters<typeof real.driveJob>) => {
			const run = await real.driveJob(...args);
			recorded.push({ job: args[1], run });
			return run;
		}
	};
});

/** What tells figure 4's jobs apart: epochs, weight decay, per-batch noise, parameter sizes. */
const jobKey = (job: TrainingJob) =>
	JSON.stringify({ steps: job.maxSteps, hyper: job.hyper ?? null, noise: job.batches.noise ?? [], params: Object.entries(job.params).map(([k, v]) => [k, v.length]) });

/** Mean validation cross-entropy per epoch of figure 4's run `run`, as checkpoint 3's solve drove it. */
function valCurve(run: Trained): Curve {
	const want = jobKey(fixJob(run, settings, strengths));
	const hits = recorded.filter(({ job }) => jobKey(job) === want);
	expect(hits).toHaveLength(1);
	return curveOf(hits[0].run);
}

/** Mean validation cross-entropy per epoch, from the probe's log-probabilities (validation rows after the training rows). */
function curveOf(driven: DrivenRun): Curve {
	const { train, val } = splitSets(settings.n, settings.seed);
	expect(driven.status).toBe('done');
	return driven.probes.map((p) => {
		let sum = 0;
		for (let i = 0; i < val.count; i++) sum -= p.values[(train.count + i) * CLASSES + val.labels[i]];
		const mean = sum / val.count;
		let ss = 0;
		for (let i = 0; i < val.count; i++) ss += (-p.values[(train.count + i) * CLASSES + val.labels[i]] - mean) ** 2;
		return { epoch: p.step / stepsPerEpoch(settings.n), valLoss: mean, se: Math.sqrt(ss / (val.count - 1) / val.count) };
	});
}

const state = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as OverfittingState;
let solution: Solution;

/** The five runs, driven once for this file, by checkpoint 3's solve at the default settings. */
let driven: Promise<Record<Trained, Curve>> | null = null;
const curves = () =>
	(driven ??= (async () => {
		const started = performance.now();
		solution = await whichFix.solve(state, 'wasm');
		console.log(`figure 4: five runs of ${FIX_EPOCHS} epochs in ${((performance.now() - started) / 1000).toFixed(1)} s (WASM, Node)`);
		expect(recorded).toHaveLength(5);
		const out = {} as Record<Trained, Curve>;
		for (const run of TRAINED) if (run !== 'all') out[run] = valCurve(run);
		return out;
	})());

/** Early stopping counted here: the lowest validation loss until `patience` epochs pass without a lower one. */
function stoppedAt(curve: Curve, patience: number): number {
	return curve[stoppedIndex(curve, patience)].valLoss;
}
function stoppedIndex(curve: Curve, patience: number): number {
	let best = 0;
	for (let e = 1; e < curve.length && e - best <= patience; e++) if (curve[e].valLoss < curve[best].valLoss) best = e;
	return best;
}

describe('figure 4: each fix alone ends below the baseline\'s final validation loss (default settings)', () => {
	const final = async (run: Trained) => (await curves())[run].at(-1)!.valLoss;
	it('augmentation', { timeout: 900_000 }, async () => expect(await final('aug')).toBeLessThan(await final('baseline')));
	it('weight decay', { timeout: 900_000 }, async () => expect(await final('wd')).toBeLessThan(await final('baseline')));
	// Measured at the defaults (30 epochs): dropout p = 0.3 ends at 0.769 and width ÷ 4 at 0.767, against the
	// baseline's 0.763: the spec's fact does not hold for these two here. Kept as the spec states it, expected
	// to fail, so that a change that makes it hold turns the test red and is noticed. Running longer does not
	// help (at 80 epochs: 0.949 and 0.923 against 0.888); dropout at p = 0.5 does (the describe below).
	it.fails('dropout', { timeout: 900_000 }, async () => {
		console.log(`final validation loss: dropout ${await final('dropout')}, baseline ${await final('baseline')}`);
		expect(await final('dropout')).toBeLessThan(await final('baseline'));
	});
	it.fails('width ÷ 4', { timeout: 900_000 }, async () => {
		console.log(`final validation loss: width ÷ 4 ${await final('small')}, baseline ${await final('baseline')}`);
		expect(await final('small')).toBeLessThan(await final('baseline'));
	});
	it('early stopping, at its minimum', { timeout: 900_000 }, async () => {
		const c = await curves();
		expect(stoppedAt(c.baseline, strengths.patience)).toBeLessThan(c.baseline.at(-1)!.valLoss);
	});
});

// The spec's default rate, 0.3, is too weak for this net to beat the baseline; the classic 0.5
// (Srivastava et al. 2014) does: 0.674 against the baseline's 0.763 after 30 epochs.
describe('dropout at p = 0.5', () => {
	it("ends below the baseline's final validation loss", { timeout: 900_000 }, async () => {
		const baseline = (await curves()).baseline.at(-1)!.valLoss;
		const half = curveOf(await driveJob(ort as never, fixJob('dropout', settings, { ...strengths, dropout: 0.5 }))).at(-1)!.valLoss;
		console.log(`final validation loss: dropout p = 0.5 ${half}, baseline ${baseline}`);
		expect(half).toBeLessThan(baseline);
	});
});

const curve = (losses: number[]) => losses.map((valLoss, epoch) => ({ epoch, valLoss, trainLoss: 0, trainAcc: 0, valAcc: 0 }));

describe('early stopping', () => {
	it('stops `patience` epochs after the last new minimum and restores that epoch', () => {
		const s = earlyStop(curve([3, 2, 1, 1.5, 1.2, 0.9, 1, 1.1, 1.2, 0.5]), 3)!;
		expect(s).toEqual({ stopEpoch: 8, bestEpoch: 5, valLoss: 0.9 });
	});
	it('runs to the end when the loss keeps falling', () => {
		expect(earlyStop(curve([3, 2, 1]), 1)).toEqual({ stopEpoch: 2, bestEpoch: 2, valLoss: 1 });
	});
	it('stops at a loss that is no longer a number', () => {
		expect(earlyStop(curve([2, 1, NaN, 0.1]), 5)).toEqual({ stopEpoch: 2, bestEpoch: 1, valLoss: 1 });
	});
});

describe('which fix wins', () => {
	const o = (fix: FixOutcome['fix'], valLoss: number, se: number): FixOutcome => ({ fix, valLoss, se });
	it('is the lowest final loss when the runner-up is more than 2 SE behind', () => {
		const r = winner([o('wd', 0.7, 0.01), o('aug', 0.5, 0.01), o('small', 0.6, 0.01)]);
		expect(r.best).toBe('aug');
		expect(r.margin).toBeCloseTo(2 * Math.sqrt(2e-4), 12);
	});
	it('is no clear winner within 2 SE', () => {
		expect(winner([o('wd', 0.52, 0.01), o('aug', 0.5, 0.01)]).best).toBeNull();
	});
});

describe('checkpoint 3: which fix wins?', () => {
	it('answers the lowest final validation loss of the runs, or no clear winner within 2 SE', { timeout: 900_000 }, async () => {
		const c = await curves();
		const finals = (['aug', 'wd', 'dropout', 'small'] as const).map((fix) => ({ fix: fix as string, ...c[fix].at(-1)! }));
		finals.push({ fix: 'stop', ...c.baseline[stoppedIndex(c.baseline, strengths.patience)] });
		finals.sort((a, b) => a.valLoss - b.valLoss);
		const clear = finals[1].valLoss - finals[0].valLoss > 2 * Math.sqrt(finals[0].se ** 2 + finals[1].se ** 2);
		console.log('checkpoint 3', solution.shown, finals);
		expect(solution.expected).toEqual({ kind: 'choice', id: clear ? finals[0].fix : NO_CLEAR_WINNER });
	});
});
