/**
 * Figure 1's build-time recording (`npm run record -- overfitting/symptom`): one real run of the
 * default settings, trained with the same job and driver the reader's Start runs (in Node, on
 * onnxruntime-web's WASM backend), kept as what the figure draws: each epoch's training and
 * validation loss and accuracy, to 4 significant digits. The figure shows it until Start.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { roundSig } from '$lib/recorded/pack';
import { epochPoint } from './curves';
import { splitSets } from './glyphs';
import { schema } from './lab';
import type { RecordedSymptom } from './recorded';
import { stepsPerEpoch, type RunSettings } from './settings';

/** The settings the recording is made for: the schema's defaults (lab.ts). */
export const RECORDED_SETTINGS: RunSettings = {
	n: schema.n.default,
	width: schema.width.default,
	epochs: schema.epochs.default,
	lr: schema.lr.default,
	seed: schema.seed.default
};

export async function recordSymptom(ort: Ort): Promise<RecordedSymptom> {
	const { symptomJob } = await import('./mlp');
	const settings = RECORDED_SETTINGS;
	const run = await driveJob(ort, symptomJob(settings));
	if (run.status !== 'done' && run.status !== 'diverged') throw new Error(`recording overfitting/symptom: the run ended ${run.status}: ${run.message}`);
	const { train, val } = splitSets(settings.n, settings.seed);
	const points = run.probes.map((p) => {
		const e = epochPoint(p.step / stepsPerEpoch(settings.n), p.values, train.labels, val.labels);
		return [e.epoch, roundSig(e.trainLoss), roundSig(e.trainAcc), roundSig(e.valLoss), roundSig(e.valAcc)] as [number, number, number, number, number];
	});
	return { settings, status: run.status, points };
}
