/**
 * Checkpoint 2's answer: the network trained on watermarked training images (leak=train), scored
 * at the end of its run on those images as trained and on the same images with the watermark
 * erased (the corner pixel as it was drawn). A network that learned the shapes loses little; one
 * that read the class off the watermark falls toward chance. The job is figure 1's (same model,
 * data order and seed); only its probe differs: both copies of the training set, at the last step.
 * On a page it goes through the TrainingRunner (the worker on WASM), in Node through the driver.
 */
import type { Backend } from '$lib/onnx/backend';
import type { TrainingJob } from '$lib/onnx/training/driver';
import type { ProbeReading } from '$lib/onnx/training/probe';
import { CLASSES, PIXELS, splitSets, type DataFaults } from './glyphs';
import { evalProbe, glyphMlp, symptomJob } from './mlp';
import { batchSize, type RunSettings } from './settings';

export interface ErasedReading {
	/** Training accuracy on the images as trained (watermark in), and with it erased. */
	withMark: number;
	erased: number;
	epochs: number;
}

/** The watermarked and the erased training images, one after the other. */
export function markedAndErased(n: number, seed: number, faults: DataFaults): { rows: Float32Array; labels: Int32Array } {
	const marked = splitSets(n, seed, faults).train;
	const plain = splitSets(n, seed, { ...faults, leak: 'off' }).train;
	const rows = new Float32Array(2 * n * PIXELS);
	rows.set(marked.images, 0);
	rows.set(plain.images, n * PIXELS);
	return { rows, labels: marked.labels };
}

export function erasedJob(settings: RunSettings): TrainingJob {
	const faults: DataFaults = { leak: 'train', split: 'random', shift: 0, ...settings.faults };
	const job = symptomJob({ ...settings, faults });
	const { rows } = markedAndErased(settings.n, settings.seed, faults);
	return { ...job, probe: evalProbe(glyphMlp(settings.width, batchSize(settings.n)), rows, [job.maxSteps]) };
}

/** Share of rows from..from+labels.length whose largest log-probability is their label. */
export function accuracyOf(values: Float32Array, from: number, labels: Int32Array): number {
	let right = 0;
	labels.forEach((label, i) => {
		const at = (from + i) * CLASSES;
		let best = 0;
		for (let c = 1; c < CLASSES; c++) if (values[at + c] > values[at + best]) best = c;
		if (best === label) right++;
	});
	return right / labels.length;
}

async function lastProbe(job: TrainingJob, backend: Backend): Promise<ProbeReading> {
	// In Node (tests, the practice deck's prerender) in-process; a `Worker` global may exist there once ORT has run.
	if (typeof window === 'undefined' || typeof Worker === 'undefined') {
		const [{ loadOrt }, { driveJob }] = await Promise.all([import('$lib/onnx/runtime'), import('$lib/recorded/drive')]);
		const run = await driveJob(await loadOrt('wasm'), job);
		if (run.status !== 'done') throw new Error(run.message ?? `training ended ${run.status}`);
		return run.probes.at(-1)!;
	}
	const { TrainingRunner } = await import('$lib/onnx/training/runner');
	return new Promise((resolve, reject) => {
		let last: ProbeReading | null = null;
		const runner = new TrainingRunner(job, {
			backend,
			onProgress: (snapshot) => {
				if (snapshot.probe) last = snapshot.probe;
				if (snapshot.status === 'done' && last) resolve(last);
				else if (snapshot.status === 'done' || snapshot.status === 'diverged' || snapshot.status === 'error' || snapshot.status === 'cancelled')
					reject(new Error(snapshot.message ?? `training ended ${snapshot.status}`));
			}
		});
		runner.start();
	});
}

export async function erasedAccuracy(settings: RunSettings, backend: Backend): Promise<ErasedReading> {
	const faults: DataFaults = { leak: 'train', split: 'random', shift: 0, ...settings.faults };
	const probe = await lastProbe(erasedJob(settings), backend);
	const { labels } = markedAndErased(settings.n, settings.seed, faults);
	return { withMark: accuracyOf(probe.values, 0, labels), erased: accuracyOf(probe.values, settings.n, labels), epochs: settings.epochs };
}
