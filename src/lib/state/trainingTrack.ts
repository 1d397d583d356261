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

export interface TrackOptions<T> {
	/** Turns a report into the row's data (losses, measured iterates). */
	data?: (snapshot: RunnerSnapshot, previous: T) => T;
	/** Sees every report while the run is current (to read the weights back at chosen steps). */
	onReport?: (snapshot: RunnerSnapshot, runner: TrainingRunner) => void;
}

/** Starts `job` as row `index` of `run` and resolves when it ends. */
export async function trainTrack<T>(run: RunScope<T>, index: number, job: TrainingJob, backend: Backend, options: TrackOptions<T> = {}): Promise<TrainedTrack> {
	const { data, onReport } = options;
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
					onReport?.(snapshot, runner);
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

/** A row's loss curve, as most training figures draw it. */
export interface LossTrack {
	losses: RunnerSnapshot['losses'];
	firstLoss: number | null;
	lastLoss: number | null;
}

export const NO_LOSSES: LossTrack = { losses: [], firstLoss: null, lastLoss: null };

/** The loss curve of a runner's report (pass to `trainTrack` as `data`). */
export const lossesOf = (snapshot: RunnerSnapshot): LossTrack => ({
	losses: snapshot.losses,
	firstLoss: snapshot.firstLoss,
	lastLoss: snapshot.lastLoss
});
