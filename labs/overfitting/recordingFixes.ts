/**
 * Figure 4's build-time recording (`npm run record -- overfitting/fixes`): its six runs at the
 * default settings and fix strengths, trained with the jobs the reader's Train all runs trains (in
 * Node, on onnxruntime-web's WASM backend), kept as each epoch's reading to 4 significant digits.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { roundSig } from '$lib/recorded/pack';
import { epochPoint } from './curves';
import { valLossSE } from './fixes';
import { CLASSES, splitSets } from './glyphs';
import { schema } from './lab';
import type { RecordedFixes } from './recordedFixes';
import { stepsPerEpoch } from './settings';

/** The settings and strengths the recording is made for: the schema's defaults (lab.ts). Patience only reads the curves: any value draws from them. */
export const RECORDED_FIX_SETTINGS: RecordedFixes['settings'] = {
	n: schema.n.default,
	width: schema.width.default,
	lr: schema.lr.default,
	seed: schema.seed.default,
	aug: schema.aug.default,
	wd: schema.wd.default,
	dropout: schema.dropout.default
};

export async function recordFixes(ort: Ort): Promise<RecordedFixes> {
	const { fixJob, TRAINED } = await import('./fixRuns');
	const settings = RECORDED_FIX_SETTINGS;
	const { n, seed, aug, wd, dropout } = settings;
	const { train, val } = splitSets(n, seed);
	const runs: RecordedFixes['runs'] = [];
	for (const id of TRAINED) {
		const run = await driveJob(ort, fixJob(id, settings, { aug, wd, dropout, patience: schema.patience.default }));
		if (run.status !== 'done' && run.status !== 'diverged') throw new Error(`recording overfitting/fixes: ${id} ended ${run.status}: ${run.message}`);
		const points = run.probes.map((p) => {
			const e = epochPoint(p.step / stepsPerEpoch(n), p.values, train.labels, val.labels);
			const se = valLossSE(p.values, val.labels, train.count, CLASSES);
			return [e.epoch, roundSig(e.trainLoss), roundSig(e.trainAcc), roundSig(e.valLoss), roundSig(e.valAcc), roundSig(se)] as RecordedFixes['runs'][number]['points'][number];
		});
		runs.push({ id, status: run.status, points });
	}
	return { settings, runs };
}
