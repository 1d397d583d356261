/**
 * Trains figure 6's network to its last epoch and returns its per-epoch points, for checkpoint 4's
 * `solve`: like trainToEnd (figure 1's), through the TrainingRunner on a page and the same
 * TrainingDriver in Node.
 */
import type { Backend } from '$lib/onnx/backend';
import { jobToEnd } from '$lib/onnx/training/jobToEnd';
import { splitSets } from './glyphs';
import { noisePoint, noisyLabels, type NoisePoint } from './noise';
import { noiseJob, type NoiseSettings } from './noiseJob';
import { stepsPerEpoch } from './settings';

export async function noiseToEnd(settings: NoiseSettings, backend: Backend): Promise<NoisePoint[]> {
	const job = noiseJob(settings);
	const { train, val } = splitSets(settings.n, settings.seed, settings.faults);
	const noisy = noisyLabels(train, settings.noise, settings.seed);
	const perEpoch = stepsPerEpoch(settings.n);
	const read = (step: number, values: Float32Array) => noisePoint(step / perEpoch, values, noisy, val.labels);
	return jobToEnd(job, read, backend);
}
