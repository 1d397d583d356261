/**
 * One live sampling run for a figure: its points as they move, a few trajectories, progress,
 * speed and the final quality, as reactive state. Runs are stoppable (`stop`) and a new start
 * supersedes the old one. Between model calls the loop gives the browser a frame every ~30 ms,
 * so a 1000-step DDPM run animates instead of freezing the page.
 *
 * Not URL state and not `controller.results`: a sampling trajectory amplifies float differences
 * between backends, so it is kept out of the numbers the tests compare.
 */
import type { Backend } from '$lib/onnx/backend';
import { describeModelError } from '$lib/onnx/errors';
import type { DatasetName } from './data2d';
import type { ConditionOptions } from './denoise';
import type { SamplerKind } from './sampler';
import type { Schedule } from './schedules';

export type RunStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

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

const FRAME_MS = 30;
const nextFrame = () => new Promise<void>((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 0)));

export class SamplerRun {
	status = $state<RunStatus>('idle');
	points = $state.raw<Float32Array | null>(null);
	trajectory = $state.raw<Float32Array[]>([]);
	done = $state(0);
	total = $state(0);
	stepsPerSecond = $state<number | null>(null);
	message = $state<string | null>(null);
	/** What the finished run was asked for (figures label their result with it). */
	request = $state.raw<RunRequest | null>(null);
	#token = 0;

	async start(request: RunRequest): Promise<Float32Array | null> {
		const token = ++this.#token;
		this.status = 'running';
		this.message = null;
		this.request = request;
		this.done = 0;
		this.trajectory = [];
		const started = performance.now();
		let lastFrame = started;
		try {
			const { runSampling } = await import('./compute');
			const result = await runSampling({
				...request,
				trajectoryEvery: request.sampler === 'ddpm' ? Math.ceil(request.schedule.T / 40) : 1,
				onStep: async (done, total, x) => {
					if (token !== this.#token) return false;
					this.done = done;
					this.total = total;
					const now = performance.now();
					if (now - lastFrame > FRAME_MS) {
						if (request.animate) this.points = x;
						this.stepsPerSecond = (done / (now - started)) * 1000;
						await nextFrame();
						lastFrame = performance.now();
					}
					return token === this.#token;
				}
			});
			if (token !== this.#token) return null;
			this.points = result.x;
			this.trajectory = result.trajectory;
			this.stepsPerSecond = (result.stepsTaken / (performance.now() - started)) * 1000;
			this.status = result.stopped ? 'stopped' : 'done';
			return result.stopped ? null : result.x;
		} catch (error) {
			if (token !== this.#token) return null;
			console.warn('sampling failed', error);
			this.status = 'error';
			this.message = describeModelError(error);
			return null;
		}
	}

	stop(): void {
		if (this.status !== 'running') return;
		this.#token++;
		this.status = 'stopped';
	}
}
