/**
 * Trains figure 1's network to its last epoch and returns its per-epoch points, for a checkpoint's
 * `solve`. On a page it goes through the TrainingRunner (the worker on WASM, the page on WebGPU);
 * in Node (tests, the practice deck's prerender) through the same TrainingDriver, in-process.
 */
import type { Backend } from '$lib/onnx/backend';
import { epochPoint, type EpochPoint } from './curves';
import { splitSets } from './glyphs';
import { symptomJob } from './mlp';
import { stepsPerEpoch, type RunSettings } from './settings';

export async function trainToEnd(settings: RunSettings, backend: Backend): Promise<EpochPoint[]> {
	const job = symptomJob(settings);
	const { train, val } = splitSets(settings.n, settings.seed, settings.faults);
	const perEpoch = stepsPerEpoch(settings.n);
	const read = (step: number, values: Float32Array) => epochPoint(step / perEpoch, values, train.labels, val.labels);
	if (typeof Worker === 'undefined') {
		const [{ loadOrt }, { driveJob }] = await Promise.all([import('$lib/onnx/runtime'), import('$lib/recorded/drive')]);
		const run = await driveJob(await loadOrt('wasm'), job);
		if (run.status !== 'done' && run.status !== 'diverged') throw new Error(run.message ?? `training ended ${run.status}`);
		return run.probes.map((p) => read(p.step, p.values));
	}
	const { TrainingRunner } = await import('$lib/onnx/training/runner');
	return new Promise((resolve, reject) => {
		const points: EpochPoint[] = [];
		let lastStep = -1;
		const runner = new TrainingRunner(job, {
			backend,
			onProgress: (snapshot) => {
				const probe = snapshot.probe;
				if (probe && probe.step !== lastStep) {
					lastStep = probe.step;
					points.push(read(probe.step, probe.values));
				}
				if (snapshot.status === 'done' || snapshot.status === 'diverged') resolve(points);
				else if (snapshot.status === 'error' || snapshot.status === 'cancelled') reject(new Error(snapshot.message ?? `training ended ${snapshot.status}`));
			}
		});
		runner.start();
	});
}
