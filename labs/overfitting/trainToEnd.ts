/**
 * Trains figure 1's network to its last epoch and returns its per-epoch points, for a checkpoint's
 * `solve`. On a page it goes through the TrainingRunner (the worker on WASM, the page on WebGPU);
 * in Node (tests, the practice deck's prerender) through the same TrainingDriver, in-process.
 */
import type { Backend } from '$lib/onnx/backend';
import { jobToEnd } from '$lib/onnx/training/jobToEnd';
import { epochPoint, type EpochPoint } from './curves';
import { splitSets } from './glyphs';
import { symptomJob } from './mlp';
import { stepsPerEpoch, type RunSettings } from './settings';

export async function trainToEnd(settings: RunSettings, backend: Backend): Promise<EpochPoint[]> {
	const job = symptomJob(settings);
	const { train, val } = splitSets(settings.n, settings.seed, settings.faults);
	const perEpoch = stepsPerEpoch(settings.n);
	const read = (step: number, values: Float32Array) => epochPoint(step / perEpoch, values, train.labels, val.labels);
	return jobToEnd(job, read, backend);
}
