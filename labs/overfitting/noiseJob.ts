/**
 * Figure 6's training job: figure 1's job (same model, graphs, initial weights, batch order and
 * probe) on the same images, with ρ of the training labels redrawn. The probe reads images only,
 * so only the dataset's labels change.
 */
import type { TrainingJob } from '$lib/onnx/training/driver';
import { splitSets } from './glyphs';
import { glyphDataset } from './mlp';
import { runJob } from './runJob';
import { noisyLabels } from './noise';
import type { RunSettings } from './settings';

export interface NoiseSettings extends RunSettings {
	/** ρ, the fraction of training labels redrawn. */
	noise: number;
}

export function noiseJob(settings: NoiseSettings): TrainingJob {
	const job = runJob(settings);
	const { train } = splitSets(settings.n, settings.seed, settings.faults);
	const { labels } = noisyLabels(train, settings.noise, settings.seed);
	return { ...job, batches: { ...job.batches, dataset: glyphDataset({ ...train, labels }) } };
}
