/**
 * Figure 5's build-time recording (`npm run record`): one real run of the three networks at the
 * lab's default depth, width and seed, trained with the same job and driver the reader's Start
 * runs (in Node, on onnxruntime-web's WASM backend), kept as what the figure draws (recorded.ts): every loss reading (every 5 steps, 4 significant
 * digits) and each network's last decision boundary (its 48 × 48 probabilities as bytes) with
 * its accuracy. The figure shows it until Start.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { twoSpirals } from '$lib/datasets/spirals';
import { driveJob } from '$lib/recorded/drive';
import { packBytes, roundSig } from '$lib/recorded/pack';
import { BOUNDARY, readBoundary } from './boundary';
import { schema } from './lab';
import type { RecordedTraining } from './recorded';
import { LIVE, TRAIN_CONFIGS, liveWidth } from './trainingConfigs';

/** The settings the recording is made for: the schema's defaults (lab.ts). */
const RECORDED_SETTINGS = { depth: schema.depth.default, width: liveWidth(schema.width.default), seed: schema.seed.default };

export async function recordTraining(ort: Ort): Promise<RecordedTraining> {
	const { liveTrainingJob } = await import('./training');
	const { depth, width, seed } = RECORDED_SETTINGS;
	const labels = twoSpirals({ count: LIVE.examples, seed }).labels;
	const tracks: RecordedTraining['tracks'] = [];
	// One after another: in the browser they take turns step by step, which changes no number.
	for (const config of TRAIN_CONFIGS) {
		const run = await driveJob(ort, liveTrainingJob(config, depth, width, seed));
		if (run.status !== 'done' && run.status !== 'diverged') throw new Error(`recording ${config.id}: the run ended ${run.status}: ${run.message}`);
		const probe = run.probes.at(-1);
		const boundary = probe ? readBoundary(probe.step, probe.values, BOUNDARY, labels) : null;
		tracks.push({
			id: config.id,
			status: run.status,
			step: run.step,
			losses: run.losses.map((p) => [p.step, roundSig(p.loss)]),
			boundary: boundary && { step: boundary.step, accuracy: roundSig(boundary.accuracy), grid: packBytes(boundary.grid) }
		});
	}
	return { settings: { depth, width, seed }, steps: LIVE.steps, tracks };
}

