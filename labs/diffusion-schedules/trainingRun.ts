/**
 * Figure 6's run, a `LiveRun` owned by the controller: one in-browser training run (a
 * TrainingRunner, in its worker on WASM) with its loss curve, then sampling from the weights it
 * produced on the page's backend. The runner and the session built from the new weights belong
 * to the run: a new start, Stop or leaving the page releases them.
 */
import type { Backend } from '$lib/onnx/backend';
import { describeModelError } from '$lib/onnx/errors';
import type { TrainingRunner } from '$lib/onnx/training/runner';
import { LiveRun, type RunScope } from '$lib/state/liveRun.svelte';
import { NO_LOSSES, lossesOf, trainTrack, type LossTrack } from '$lib/state/trainingTrack';
import type { DatasetName } from './data';
import { sample } from './sampler';
import type { Schedule } from './schedules';

export interface TrainSettings {
	data: DatasetName;
	schedule: Schedule;
	seed: number;
	/** Where the trained model samples (training itself always runs on WASM, in the worker). */
	backend: Backend;
}

/** Samples drawn from the trained model. */
export interface TrainedSamples {
	sampling: boolean;
	samples: Float32Array | null;
}

export type TrainingRun = LiveRun<TrainSettings, LossTrack, TrainedSamples>;

let sessionCounter = 0;

export function createTrainingRun(): TrainingRun {
	return new LiveRun<TrainSettings, LossTrack, TrainedSamples>({
		tracks: () => [{ id: 'denoiser', label: 'denoiser', data: NO_LOSSES }],
		job: async ({ data, schedule, seed, backend }, run) => {
			const { liveJob } = await import('./liveTraining');
			if (!run.current) return;
			// Always WASM, in the training worker: it has its own runtime, so training never overlaps
			// the page's model calls (ORT's WebGPU backend fails when two runs overlap). Sampling
			// from the trained weights then uses the page's backend.
			const { runner, last } = await trainTrack(run, 0, liveJob(data, schedule, seed), 'wasm', { data: lossesOf });
			if (last.status !== 'done' || !run.current) return;
			run.setResult({ sampling: true, samples: null });
			try {
				run.setResult({ sampling: false, samples: await sampleFrom(run, runner, schedule, backend) });
			} finally {
				run.setResult((r) => ({ sampling: false, samples: r?.samples ?? null }));
			}
		},
		describeError: (error) => {
			console.warn('training or sampling the trained model failed', error);
			return describeModelError(error);
		}
	});
}

/** DDIM-50 samples from the weights `runner` trained, on the page's backend. */
async function sampleFrom(run: RunScope<LossTrack, TrainedSamples>, runner: TrainingRunner, schedule: Schedule, backend: Backend): Promise<Float32Array> {
	const [weights, { liveInference, LIVE_SAMPLES }, { makeDenoise }, { runner: serialRunner }, { getSession, dropSession }] = await Promise.all([
		runner.readParams(),
		import('./liveTraining'),
		import('./denoise'),
		import('./compute'),
		import('$lib/onnx/runtime')
	]);
	const key = `diffusion-live-${++sessionCounter}`;
	const session = await getSession(backend, key, () => liveInference(weights));
	// This session serves this run only: it leaves the session cache (and is released) with the run.
	run.own({ release: () => dropSession(backend, key) });
	const call = serialRunner(session);
	const denoise = makeDenoise(async (feeds) => {
		if (!run.current) throw new Error('the run was stopped');
		return call(feeds);
	});
	const { sampler, count, seed, maxSteps } = LIVE_SAMPLES;
	const out = await sample({ schedule, sampler, steps: Math.min(maxSteps, schedule.T), count, seed, denoise });
	return out.x;
}
