/**
 * Trains one job to its last epoch and returns a point per probe, for a checkpoint's `solve`: on a
 * page through the TrainingRunner (the worker on WASM, the page on WebGPU), in Node (tests, the
 * practice deck's prerender) through the same TrainingDriver, in-process.
 */
import type { Backend } from '$lib/onnx/backend';
import type { TrainingJob } from '$lib/onnx/training/driver';

export async function jobToEnd<P>(job: TrainingJob, read: (step: number, values: Float32Array) => P, backend: Backend): Promise<P[]> {
	// Not on a page (Node: tests). Node may have a Worker global of its own once ORT has loaded, so ask for a document.
	if (typeof document === 'undefined') {
		const [{ loadOrt }, { driveJob }] = await Promise.all([import('$lib/onnx/runtime'), import('$lib/recorded/drive')]);
		const run = await driveJob(await loadOrt('wasm'), job);
		if (run.status !== 'done' && run.status !== 'diverged') throw new Error(run.message ?? `training ended ${run.status}`);
		return run.probes.map((p) => read(p.step, p.values));
	}
	const { TrainingRunner } = await import('$lib/onnx/training/runner');
	return new Promise((resolve, reject) => {
		const points: P[] = [];
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
