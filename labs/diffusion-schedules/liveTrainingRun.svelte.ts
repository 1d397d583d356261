/**
 * Figure 6's state: one in-browser training run (TrainingRunner, in its worker on WASM) with its
 * loss curve, then sampling from the weights it produced on the page's backend.
 */
import type { Backend } from '$lib/onnx/backend';
import { describeModelError } from '$lib/onnx/errors';
import type { RunnerSnapshot, TrainingRunner } from '$lib/onnx/training/runner';
import type { DatasetName } from './data2d';
import { sample } from './sampler';
import type { Schedule } from './schedules';

let sessionCounter = 0;

export class LiveTrainingRun {
	snapshot = $state.raw<RunnerSnapshot | null>(null);
	samples = $state.raw<Float32Array | null>(null);
	sampling = $state(false);
	message = $state<string | null>(null);
	/** What the run trained on. */
	trainedOn = $state.raw<{ data: DatasetName; schedule: string; T: number } | null>(null);
	#runner: TrainingRunner | null = null;
	#schedule: Schedule | null = null;
	#backend: Backend = 'wasm';

	get running(): boolean {
		return this.snapshot?.status === 'running' || this.snapshot?.status === 'loading';
	}

	async start(data: DatasetName, schedule: Schedule, seed: number, backend: Backend): Promise<void> {
		this.cancel();
		this.samples = null;
		this.message = null;
		this.#schedule = schedule;
		this.#backend = backend;
		this.trainedOn = { data, schedule: schedule.kind, T: schedule.T };
		try {
			const [{ liveJob }, { TrainingRunner }] = await Promise.all([import('./liveTraining'), import('$lib/onnx/training/runner')]);
			// Always WASM, in the training worker: it has its own runtime, so training never overlaps
			// the page's model calls (ORT's WebGPU backend fails when two runs overlap). Sampling
			// from the trained weights then uses the page's backend.
			const runner = new TrainingRunner(liveJob(data, schedule, seed), {
				backend: 'wasm',
				onProgress: (snapshot) => {
					if (this.#runner !== runner) return;
					this.snapshot = snapshot;
					if (snapshot.status === 'done') void this.sampleFromRun();
				}
			});
			this.#runner = runner;
			runner.start();
		} catch (error) {
			this.message = describeModelError(error);
		}
	}

	cancel(): void {
		this.#runner?.cancel();
		this.#runner = null;
	}

	async sampleFromRun(): Promise<void> {
		const runner = this.#runner;
		const schedule = this.#schedule;
		if (!runner || !schedule) return;
		this.sampling = true;
		try {
			const [weights, { liveInference }, { makeDenoise }, { runner: serialRunner, sessionInTurn }] = await Promise.all([
				runner.readParams(),
				import('./liveTraining'),
				import('./denoise'),
				import('./compute')
			]);
			const session = await sessionInTurn(this.#backend, `diffusion-live-${++sessionCounter}`, () => liveInference(weights));
			const out = await sample({ schedule, sampler: 'ddim', steps: Math.min(50, schedule.T), count: 400, seed: 1, denoise: makeDenoise(serialRunner(session)) });
			if (this.#runner === runner) this.samples = out.x;
		} catch (error) {
			console.warn('sampling the trained model failed', error);
			this.message = describeModelError(error);
		} finally {
			this.sampling = false;
		}
	}
}
