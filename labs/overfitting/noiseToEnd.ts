/**
 * Trains figure 6's network to its last epoch and returns its per-epoch points, for checkpoint 4's
 * `solve`: like trainToEnd (figure 1's), through the TrainingRunner on a page and the same
 * TrainingDriver in Node.
 */
import type { Backend } from '$lib/onnx/backend';
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
	// Node (tests) has no window; ORT may have defined a global Worker there by now, so that is no test.
	if (typeof window === 'undefined') {
		const [{ loadOrt }, { driveJob }] = await Promise.all([import('$lib/onnx/runtime'), import('$lib/recorded/drive')]);
		const run = await driveJob(await loadOrt('wasm'), job);
		if (run.status !== 'done' && run.status !== 'diverged') throw new Error(run.message ?? `training ended ${run.status}`);
		return run.probes.map((p) => read(p.step, p.values));
	}
	const { TrainingRunner } = await import('$lib/onnx/training/runner');
	return new Promise((resolve, reject) => {
		const points: NoisePoint[] = [];
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
