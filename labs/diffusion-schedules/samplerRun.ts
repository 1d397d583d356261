/**
 * One live sampling run for a figure, as a `LiveRun` owned by the controller: its points as they
 * move, a few trajectories, progress and speed. Stop cancels it; a new start supersedes the old
 * one (its late steps are dropped). Between model calls the loop gives the browser a frame every
 * ~30 ms, so a 1000-step DDPM run animates instead of freezing the page.
 *
 * Not URL state and not `controller.results`: a sampling trajectory amplifies float differences
 * between backends, so it is kept out of the numbers the tests compare.
 */
import type { Backend } from '$lib/onnx/backend';
import { describeModelError } from '$lib/onnx/errors';
import { LiveRun } from '$lib/state/liveRun.svelte';
import type { DatasetName } from './data';
import type { ConditionOptions } from './denoise';
import type { SamplerKind } from './sampler';
import type { Schedule } from './schedules';

export interface RunRequest {
	backend: Backend;
	data: DatasetName;
	schedule: Schedule;
	sampler: SamplerKind;
	steps: number;
	count: number;
	seed: number;
	condition?: ConditionOptions;
	/** Draw intermediate points (off for reduced motion). */
	animate: boolean;
}

/** What a sampler shows: its points (the last run's until the new one draws) and trails. */
export interface SamplerTrack {
	points: Float32Array | null;
	trajectory: Float32Array[];
}

export type SamplerRun = LiveRun<RunRequest, SamplerTrack>;

/** How many of each run's points leave a trail in figure 4 (DDPM's T-step trails are busier). */
export const DDIM_TRAILS = 30;
export const DDPM_TRAILS = 8;

/** Frames kept for the trails: every DDIM step; about 40 of DDPM's T. */
export const trajectoryEvery = (request: Pick<RunRequest, 'sampler' | 'schedule'>) => (request.sampler === 'ddpm' ? Math.ceil(request.schedule.T / 40) : 1);

const FRAME_MS = 30;
const nextFrame = () => new Promise<void>((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 0)));

export function createSamplerRun(): SamplerRun {
	return new LiveRun<RunRequest, SamplerTrack>({
		tracks: (request, previous) => [
			{ id: 'sampler', label: request?.sampler ?? 'sampler', maxSteps: request?.steps ?? 0, data: { points: previous[0]?.data.points ?? null, trajectory: [] } }
		],
		job: async (request, run) => {
			const started = performance.now();
			let lastFrame = started;
			const { runSampling } = await import('./compute');
			if (!run.current) return;
			run.update(0, { status: 'running' });
			const result = await runSampling({
				...request,
				trajectoryEvery: trajectoryEvery(request),
				onStep: async (done, total, x) => {
					if (!run.current) return false;
					const now = performance.now();
					if (now - lastFrame > FRAME_MS) {
						const data = request.animate ? { points: x, trajectory: [] } : run.track(0).data;
						run.update(0, { step: done, maxSteps: total, stepsPerSecond: (done / (now - started)) * 1000, data });
						await nextFrame();
						lastFrame = performance.now();
					} else run.update(0, { step: done, maxSteps: total });
					// Waits here while paused; false (stop) once the run was superseded or stopped.
					return run.checkpoint();
				}
			});
			run.update(0, {
				step: result.stepsTaken,
				stepsPerSecond: (result.stepsTaken / (performance.now() - started)) * 1000,
				data: { points: result.x, trajectory: result.trajectory }
			});
		},
		describeError: (error) => {
			console.warn('sampling failed', error);
			return describeModelError(error);
		}
	});
}
