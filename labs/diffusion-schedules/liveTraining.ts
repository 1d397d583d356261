/**
 * Figure 6's training job: a smaller denoiser (2 + 16 → 64 → 64 → 64 → 2) trained in the browser
 * on the reader's data set and schedule only (custom knots and T included), with the same model
 * description, loss and optimizer as the shipped ones. Loaded only when the reader presses Train.
 */
import type { TrainingJob } from '$lib/onnx/training/driver';
import { buildInference } from '$lib/onnx/training/inference';
import { initialParams, type ParamValues } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { dataset, type DatasetName } from './data';
import { denoiserModel } from './model';
import type { Schedule } from './schedules';
import { diffusionTrainingSet } from './trainingSet';

export const LIVE = { width: 64, depth: 3, batch: 256, rows: 1 << 14, points: 2048, steps: 1500, lr: 3e-3, lossEvery: 25 } as const;

/** DDIM from the trained weights: 400 points, k = 50 (or T), noise seed 1. */
export const LIVE_SAMPLES = { sampler: 'ddim', count: 400, seed: 1, maxSteps: 50 } as const;

const liveModel = () => denoiserModel({ width: LIVE.width, depth: LIVE.depth, classes: 0, batch: LIVE.batch });

export function liveJob(data: DatasetName, schedule: Schedule, seed: number): TrainingJob {
	const model = liveModel();
	const { bytes, io } = buildTrainStep(model, { kind: 'adam', lr: LIVE.lr });
	return {
		bytes,
		io,
		params: initialParams(model, seed),
		batches: { dataset: diffusionTrainingSet(dataset(data, LIVE.points, seed), { rows: LIVE.rows, seed: seed + 1, built: [schedule] }), batchSize: LIVE.batch, seed: seed + 2 },
		maxSteps: LIVE.steps,
		lossEvery: LIVE.lossEvery
	};
}

/** The trained weights as an inference model (ε̂ for any batch size). */
export function liveInference(weights: ParamValues): Uint8Array {
	return buildInference(liveModel(), weights);
}
