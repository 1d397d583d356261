/**
 * "Train it yourself": one TrainingRunner (src/lib/onnx/training: WASM in a worker, WebGPU on
 * the page) trains the lab's transformer on the chosen task, and snapshots of its weights are
 * taken as it goes (every LIVE.snapshotEvery steps and at the end). Each snapshot runs the
 * snapshot graph (the same forward pass, weights as inputs) on the reader's sequence, so the
 * figure can scrub through the heads taking shape. The training code loads only on Start.
 *
 * `window.__vlabTraining` mirrors the run for e2e tests (status, steps, losses, snapshots).
 */
import type { Backend } from '$lib/onnx/backend';
import type { ParamValues } from '$lib/onnx/training/model';
import type { RunnerSnapshot, TrainingRunner, TrainingStatus } from '$lib/onnx/training/runner';
import type { RunSummary } from './summary';
import type { Task } from './tasks';

export interface WeightSnapshot {
	step: number;
	loss: number | null;
	run: RunSummary;
	accuracy: number;
}

export interface LiveSettings {
	task: Task;
	x: number[];
	backend: Backend;
	seed: number;
}

export class LiveTraining {
	progress = $state.raw<RunnerSnapshot | null>(null);
	snapshots = $state.raw<WeightSnapshot[]>([]);
	settings = $state.raw<LiveSettings | null>(null);
	error = $state<string | null>(null);
	#runner: TrainingRunner | null = null;
	#generation = 0;
	#nextSnapshot = 0;
	#pending = false;
	#finalTaken = false;

	get status(): TrainingStatus {
		return this.progress?.status ?? 'idle';
	}

	async start(settings: LiveSettings): Promise<void> {
		this.reset();
		const generation = ++this.#generation;
		this.settings = settings;
		this.progress = null;
		try {
			const [{ liveTrainingJob, LIVE }, { TrainingRunner }] = await Promise.all([import('./training'), import('$lib/onnx/training/runner')]);
			if (generation !== this.#generation) return;
			const job = liveTrainingJob(settings.task, settings.seed);
			this.#nextSnapshot = LIVE.snapshotEvery;
			await this.#snapshot(job.params, 0, null, generation);
			const runner = new TrainingRunner(job, {
				backend: settings.backend,
				onProgress: (p) => {
					if (generation !== this.#generation) return;
					this.progress = p;
					const final = ['done', 'diverged'].includes(p.status);
					if (p.status === 'diverged') this.error = p.message;
					if ((p.step >= this.#nextSnapshot && p.status === 'running') || (final && !this.#finalTaken)) {
						if (this.#pending) return;
						if (final) this.#finalTaken = true;
						this.#nextSnapshot = p.step + LIVE.snapshotEvery;
						this.#pending = true;
						const step = p.step;
						const loss = p.lastLoss;
						runner
							.readParams()
							.then((params) => this.#snapshot(params, step, loss, generation))
							.catch((e) => (this.error = `A snapshot failed: ${e instanceof Error ? e.message : String(e)}`))
							.finally(() => (this.#pending = false));
					}
				}
			});
			this.#runner = runner;
			runner.start();
		} catch (e) {
			this.error = `Training could not start: ${e instanceof Error ? e.message : String(e)}`;
		}
	}

	pause(): void {
		this.#runner?.pause();
	}

	resume(): void {
		this.#runner?.resume();
	}

	reset(): void {
		this.#generation++;
		this.#runner?.cancel();
		this.#runner = null;
		this.#pending = false;
		this.#finalTaken = false;
		this.progress = null;
		this.snapshots = [];
		this.settings = null;
		this.error = null;
	}

	async #snapshot(params: ParamValues, step: number, loss: number | null, generation: number): Promise<void> {
		const settings = this.settings;
		if (!settings) return;
		const [{ getSession, runSession }, { buildTransformerInference, maskValues, paramSpecs, SHAPE }, { summarizeRun, scoreRun }, { sequenceOf }] =
			await Promise.all([import('$lib/onnx/runtime'), import('./model'), import('./summary'), import('./tasks')]);
		const bad = Object.values(params).some((values) => values.some((v) => !Number.isFinite(v)));
		if (bad) {
			this.error = `The weights became NaN or infinite at step ${step}: this run diverged.`;
			return;
		}
		// Always on WASM: the graph is tiny, and a second session running on the GPU while the training
		// session does fails in ORT's WebGPU provider (buffer downloads collide).
		const session = await getSession('wasm', 'attention-snapshot', () => buildTransformerInference(SHAPE));
		const sequence = sequenceOf(settings.task, settings.x);
		const n = sequence.length;
		const feeds: Record<string, { data: Float32Array; dims: readonly number[] }> = {
			tokens: { data: Float32Array.from(sequence), dims: [1, n] },
			positions: { data: Float32Array.from({ length: n }, (_, i) => i), dims: [n] },
			mask: { data: maskValues(n, true), dims: [n, n] },
			pos_scale: { data: Float32Array.of(1), dims: [1] }
		};
		for (const p of paramSpecs(SHAPE)) feeds[`param.${p.name}`] = { data: params[p.name], dims: p.shape };
		const out = await runSession(session, feeds);
		if (generation !== this.#generation) return;
		const run = summarizeRun(out, 0, sequence, SHAPE.layers);
		const { accuracy } = scoreRun(settings.task, settings.x, run);
		this.snapshots = [...this.snapshots, { step, loss, run, accuracy }].sort((a, b) => a.step - b.step);
	}

	/** A plain view for the e2e tests. */
	summary() {
		return {
			status: this.status,
			step: this.progress?.step ?? 0,
			firstLoss: this.progress?.firstLoss ?? null,
			lastLoss: this.progress?.lastLoss ?? null,
			snapshots: this.snapshots.map((s) => ({ step: s.step, accuracy: s.accuracy })),
			error: this.error
		};
	}
}
