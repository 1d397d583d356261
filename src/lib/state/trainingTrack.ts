/**
 * Trains one job as one row of a `LiveRun`: a `TrainingRunner` (the worker on WASM, the page on
 * WebGPU) owned by the run, so pause, resume, cancel and reset reach it and its session is
 * released with the run. The runner code is imported here, on the first start.
 */
import type { Backend } from '$lib/onnx/backend';
import type { RunnerSnapshot, TrainingJob, TrainingRunner } from '$lib/onnx/training/runner';
import { isFinal, type RunScope } from './liveRun.svelte';

export interface TrainedTrack {
	runner: TrainingRunner;
	/** The runner's last report (status done, diverged, error or cancelled). */
	last: RunnerSnapshot;
}

/**
 * Starts `job` as row `index` of `run` and resolves when it ends. `data` turns each report into
 * the row's data (losses, measured iterates); it runs only while the run is current.
 */
export async function trainTrack<T>(
	run: RunScope<T>,
	index: number,
	job: TrainingJob,
	backend: Backend,
	data?: (snapshot: RunnerSnapshot, previous: T) => T
): Promise<TrainedTrack> {
	const { TrainingRunner } = await import('$lib/onnx/training/runner');
	return new Promise((resolve) => {
		const runner: TrainingRunner = new TrainingRunner(job, {
			backend,
			onProgress: (snapshot) => {
				if (run.current) {
					const previous = run.track(index);
					run.update(index, {
						status: snapshot.status,
						step: snapshot.step,
						maxSteps: snapshot.maxSteps,
						stepsPerSecond: snapshot.stepsPerSecond,
						thread: snapshot.thread,
						message: snapshot.message,
						...(data ? { data: data(snapshot, previous.data) } : {})
					});
				}
				if (isFinal(snapshot.status)) resolve({ runner, last: snapshot });
			}
		});
		// The runner's cancel also frees its session (in the worker, or its GPU buffers on the page).
		run.own({ pause: () => runner.pause(), resume: () => runner.resume(), cancel: () => runner.cancel() });
		// Superseded while the runner code loaded: own() has cancelled it; never start it.
		if (run.current) runner.start();
	});
}
