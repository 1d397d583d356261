/**
 * LiveRun with fake jobs (no ONNX): a second start can never leave two runs alive, pause and
 * resume reach what the job owns, reset and cancel release it, and failures say what happened.
 */
import { describe, expect, it } from 'vitest';
import { LiveRun, type Resource, type RunScope } from '$lib/state/liveRun.svelte';

/** A stand-in for a training runner: records what was done to it. */
class FakeRunner implements Resource {
	log: string[] = [];
	cancelled = false;
	released = false;
	pause() {
		this.log.push('pause');
	}
	resume() {
		this.log.push('resume');
	}
	cancel() {
		this.cancelled = true;
	}
	release() {
		this.released = true;
	}
	get alive() {
		return !this.cancelled && !this.released;
	}
}

function deferred<T = void>() {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/**
 * A job shaped like the labs' own: it awaits something (code to import, a snapshot) and only
 * then creates its runner, which it keeps until `finish` resolves.
 */
function lab(tracks = 1) {
	const loaded = deferred();
	const finish = deferred();
	const runners: FakeRunner[] = [];
	const run = new LiveRun<{ seed: number }, { seed: number | null }>({
		tracks: (s) => Array.from({ length: tracks }, (_, i) => ({ id: `r${i}`, label: `run ${i}`, data: { seed: s?.seed ?? null } })),
		job: async (_settings, scope: RunScope<{ seed: number | null }>) => {
			await loaded.promise;
			const runner = scope.own(new FakeRunner());
			runners.push(runner);
			for (let i = 0; i < tracks; i++) scope.update(i, { status: 'running', maxSteps: 10 });
			await finish.promise;
			for (let i = 0; i < tracks; i++) scope.update(i, { step: 10 });
		}
	});
	return { run, loaded, finish, runners };
}

describe('LiveRun', () => {
	it('a double start leaves exactly one run alive, and cancel stops it', async () => {
		const { run, loaded, runners } = lab();
		// Two clicks before the first start got past its await (the diffusion "Train" bug).
		void run.start({ seed: 1 });
		void run.start({ seed: 2 });
		loaded.resolve();
		await tick();
		// Both jobs reached their runner; the first one's was released as it was handed over.
		expect(runners).toHaveLength(2);
		expect(runners.filter((r) => r.alive)).toHaveLength(1);
		expect(runners[0].cancelled && runners[0].released).toBe(true);
		expect(run.settings).toEqual({ seed: 2 });
		expect(run.tracks[0].data).toEqual({ seed: 2 });
		expect(run.phase).toBe('running');
		run.cancel();
		expect(runners.filter((r) => r.alive)).toHaveLength(0);
		expect(run.status).toBe('cancelled');
	});

	it('a start while one runs ends the old run first and ignores its late reports', async () => {
		const { run, loaded, finish, runners } = lab();
		loaded.resolve();
		const first = run.start({ seed: 1 });
		await tick();
		expect(runners).toHaveLength(1);
		const second = run.start({ seed: 2 });
		expect(runners[0].alive).toBe(false);
		await tick();
		finish.resolve();
		await expect(first).resolves.toBe(false);
		await expect(second).resolves.toBe(true);
		expect(runners[1].alive).toBe(true);
		expect(run.tracks[0]).toMatchObject({ status: 'done', step: 10, data: { seed: 2 } });
	});

	it('pause and resume reach the runners and the rows', async () => {
		const { run, loaded, runners } = lab(2);
		loaded.resolve();
		void run.start({ seed: 1 });
		await tick();
		run.pause();
		expect(run.phase).toBe('paused');
		expect(run.tracks.map((t) => t.status)).toEqual(['paused', 'paused']);
		expect(runners[0].log).toEqual(['pause']);
		run.resume();
		expect(run.phase).toBe('running');
		expect(runners[0].log).toEqual(['pause', 'resume']);
	});

	it('a page loop waits at its checkpoint while paused', async () => {
		let steps = 0;
		const run = new LiveRun<number>({
			tracks: () => [{ id: 'loop', label: 'loop', data: null }],
			job: async (total, scope) => {
				for (let i = 1; i <= total; i++) {
					if (!(await scope.checkpoint())) return;
					steps = i;
					scope.update(0, { status: 'running', step: i, maxSteps: total });
					await tick();
				}
			}
		});
		const done = run.start(50);
		await tick();
		await tick();
		run.pause();
		const at = steps;
		for (let i = 0; i < 5; i++) await tick();
		expect(steps).toBe(at);
		expect(at).toBeLessThan(50);
		run.resume();
		await expect(done).resolves.toBe(true);
		expect(steps).toBe(50);
		expect(run.progress).toBe(1);
		expect(run.status).toBe('done');
	});

	it('reset releases what the run owned and clears it', async () => {
		const { run, loaded, runners } = lab();
		loaded.resolve();
		void run.start({ seed: 3 });
		await tick();
		expect(runners[0].alive).toBe(true);
		run.reset();
		expect(runners[0].released).toBe(true);
		expect(run.phase).toBe('idle');
		expect(run.settings).toBeNull();
		expect(run.tracks[0]).toMatchObject({ status: 'idle', data: { seed: null } });
	});

	it('cancel during loading releases the runner the job creates afterwards', async () => {
		const { run, loaded, finish, runners } = lab();
		const started = run.start({ seed: 4 });
		expect(run.phase).toBe('loading');
		run.cancel();
		expect(run.status).toBe('cancelled');
		loaded.resolve();
		finish.resolve();
		await expect(started).resolves.toBe(false);
		expect(runners).toHaveLength(1);
		expect(runners[0].alive).toBe(false);
		// Its reports after the cancel changed nothing.
		expect(run.tracks[0]).toMatchObject({ status: 'cancelled', step: 0 });
	});

	it('a failed job says why, and the run is finished', async () => {
		const run = new LiveRun<number>({
			tracks: () => [{ id: 'a', label: 'A', data: null }],
			job: async () => {
				throw new Error('the worker could not be loaded');
			},
			describeError: (e) => `Training could not start: ${(e as Error).message}`
		});
		await expect(run.start(1)).resolves.toBe(false);
		expect(run.phase).toBe('finished');
		expect(run.status).toBe('error');
		expect(run.failure).toBe('Training could not start: the worker could not be loaded');
	});

	it('a diverged row says so, and the others keep their own status', async () => {
		const run = new LiveRun<number>({
			tracks: () => [
				{ id: 'sigmoid', label: 'Sigmoid', data: null },
				{ id: 'relu', label: 'ReLU', data: null }
			],
			job: async (_s, scope) => {
				scope.update(0, { status: 'diverged', step: 12, message: 'The loss became NaN at step 12: this run diverged.' });
				scope.update(1, { status: 'running', step: 300, maxSteps: 300 });
			}
		});
		await expect(run.start(1)).resolves.toBe(false);
		expect(run.tracks.map((t) => t.status)).toEqual(['diverged', 'done']);
		expect(run.status).toBe('diverged');
		expect(run.failure).toBe('The loss became NaN at step 12: this run diverged.');
	});

	it('exposes the run on window.__vlabTraining and removes only its own hook', async () => {
		const { run, loaded } = lab();
		let starts = 0;
		const unhook = run.expose(() => starts++, { extra: () => 42 });
		const hook = (globalThis as { __vlabTraining?: Record<string, unknown> }).__vlabTraining!;
		expect(hook.phase).toBe('idle');
		(hook.start as () => void)();
		expect(starts).toBe(1);
		loaded.resolve();
		void run.start({ seed: 5 });
		await tick();
		expect(hook.phase).toBe('running');
		expect(hook.settings).toEqual({ seed: 5 });
		expect(hook.extra).toBe(42);
		expect(hook.runs).toEqual([{ id: 'r0', status: 'running', thread: null, steps: 0, maxSteps: 10, message: null }]);
		const other = new LiveRun<number>({ tracks: () => [], job: async () => {} });
		const unhookOther = other.expose(() => {});
		unhook();
		expect((globalThis as { __vlabTraining?: unknown }).__vlabTraining).toBeDefined();
		unhookOther();
		expect((globalThis as { __vlabTraining?: unknown }).__vlabTraining).toBeUndefined();
		run.reset();
	});

	it('after WebGPU fails, a run it cut off starts again on WebAssembly with the same settings', async () => {
		const seen: { seed: number; backend: string }[] = [];
		const gate = deferred();
		const run = new LiveRun<{ seed: number; backend: 'webgpu' | 'wasm' }, null>({
			tracks: () => [{ id: 'r0', label: 'run', data: null }],
			job: async (settings, scope) => {
				seen.push(settings);
				scope.update(0, { status: 'running', maxSteps: 10 });
				await gate.promise;
			}
		});
		void run.start({ seed: 3, backend: 'webgpu' });
		await tick();
		expect(run.cutOffByWebgpu).toBe(true);
		expect(run.restartOnWasm()).toBe(true);
		await tick();
		expect(seen).toEqual([
			{ seed: 3, backend: 'webgpu' },
			{ seed: 3, backend: 'wasm' }
		]);
		// Running on WebAssembly now: nothing more to restart.
		expect(run.cutOffByWebgpu).toBe(false);
		expect(run.restartOnWasm()).toBe(false);
		gate.resolve();
		await tick();
		expect(run.status).toBe('done');
	});

	it('a WebGPU run that failed restarts too, one that finished or was stopped does not', async () => {
		let fail = true;
		const run = new LiveRun<'webgpu' | 'wasm'>({
			tracks: () => [{ id: 'r0', label: 'timing', data: null }],
			job: async (backend) => {
				if (fail && backend === 'webgpu') throw new Error('failed to call OrtRun()');
			}
		});
		await run.start('webgpu');
		expect(run.status).toBe('error');
		expect(run.cutOffByWebgpu).toBe(true);
		fail = false;
		expect(run.restartOnWasm()).toBe(true);
		await tick();
		expect(run.settings).toBe('wasm');
		expect(run.status).toBe('done');
		await run.start('webgpu');
		expect(run.status).toBe('done');
		expect(run.restartOnWasm()).toBe(false);
		void run.start('webgpu');
		run.cancel();
		expect(run.restartOnWasm()).toBe(false);
		expect(run.settings).toBe('webgpu');
	});
});
