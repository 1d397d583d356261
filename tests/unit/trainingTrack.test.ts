/**
 * trainTrack with a fake TrainingRunner (no ONNX, no worker): the labs' training runs cannot
 * leave a second runner going after a double Start, and reset cancels the runner (which frees
 * its session). This is the diffusion "Train" double-click of issue 25, item 7.
 */
import { describe, expect, it, vi } from 'vitest';
import type { RunnerOptions, RunnerSnapshot } from '$lib/onnx/training/runner';
import type { TrainingJob } from '$lib/onnx/training/driver';

const made = vi.hoisted(() => [] as FakeRunner[]);
interface FakeRunner {
	started: boolean;
	cancelled: boolean;
	report(patch: Partial<RunnerSnapshot>): void;
}

vi.mock('$lib/onnx/training/runner', () => ({
	TrainingRunner: class {
		started = false;
		cancelled = false;
		#options: RunnerOptions;
		#snapshot: RunnerSnapshot;
		constructor(job: TrainingJob, options: RunnerOptions) {
			this.#options = options;
			const readings = { losses: [], params: [], probe: null, firstLoss: null, lastLoss: null, stepsPerSecond: null, message: null };
			this.#snapshot = { status: 'idle', backend: options.backend, thread: 'worker', step: 0, maxSteps: job.maxSteps, ...readings };
			made.push(this);
		}
		start() {
			this.started = true;
			this.report({ status: 'loading' });
		}
		pause() {}
		resume() {}
		cancel() {
			this.cancelled = true;
			this.report({ status: 'cancelled' });
		}
		report(patch: Partial<RunnerSnapshot>) {
			this.#snapshot = { ...this.#snapshot, ...patch };
			this.#options.onProgress?.(this.#snapshot);
		}
	}
}));

const { LiveRun } = await import('$lib/state/liveRun.svelte');
const { NO_LOSSES, lossesOf, trainTrack } = await import('$lib/state/trainingTrack');

const job = { maxSteps: 100 } as TrainingJob;
const tick = () => new Promise((r) => setTimeout(r, 0));

function trainingRun() {
	return new LiveRun<number, typeof NO_LOSSES>({
		tracks: () => [{ id: 'net', label: 'net', data: NO_LOSSES }],
		job: async (_seed, run) => {
			// Stands in for the import of the lab's training code (the await the old code raced with).
			await tick();
			await trainTrack(run, 0, job, 'wasm', { data: lossesOf });
		}
	});
}

describe('trainTrack inside a LiveRun', () => {
	it('a double Start starts one runner, and Stop cancels it', async () => {
		made.length = 0;
		const run = trainingRun();
		void run.start(1);
		void run.start(2);
		await tick();
		await tick();
		const live = made.filter((r) => r.started && !r.cancelled);
		expect(live).toHaveLength(1);
		live[0].report({ status: 'running', step: 10, losses: [{ step: 10, loss: 0.5 }], lastLoss: 0.5, firstLoss: 0.5 });
		expect(run.tracks[0]).toMatchObject({ status: 'running', step: 10, maxSteps: 100, thread: 'worker', data: { lastLoss: 0.5 } });
		run.cancel();
		expect(made.every((r) => !r.started || r.cancelled)).toBe(true);
		expect(run.status).toBe('cancelled');
	});

	it('reset cancels the runner, and its late reports change nothing', async () => {
		made.length = 0;
		const run = trainingRun();
		void run.start(1);
		await tick();
		await tick();
		expect(made).toHaveLength(1);
		run.reset();
		expect(made[0].cancelled).toBe(true);
		made[0].report({ status: 'running', step: 50 });
		expect(run.tracks[0]).toMatchObject({ status: 'idle', step: 0 });
	});

	it('a diverged runner ends the row with its message', async () => {
		made.length = 0;
		const run = trainingRun();
		const done = run.start(1);
		await tick();
		await tick();
		made[0].report({ status: 'diverged', step: 7, message: 'The loss became NaN at step 7.' });
		await expect(done).resolves.toBe(false);
		expect(run.status).toBe('diverged');
		expect(run.failure).toBe('The loss became NaN at step 7.');
	});
});
