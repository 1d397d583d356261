/**
 * Figure 5's live training: three runs (one per configuration) started, paused, resumed and
 * reset together, with their progress as reactive state for the figure. The training code (graph
 * builder, runtime, worker) is imported only when the reader presses Start.
 *
 * `window.__vlabTraining` mirrors the runs for the e2e tests (status, steps, first and last loss).
 */
import type { Backend } from '$lib/onnx/backend';
import type { RunnerSnapshot, TrainingRunner } from '$lib/onnx/training/runner';
import { TRAIN_CONFIGS, liveWidth, type TrainConfig } from './trainingConfigs';
import { installTrainingHook } from '$lib/ui/testHook';

export type TrainingPhase = 'idle' | 'loading' | 'running' | 'paused' | 'finished';

export interface RunView {
	config: TrainConfig;
	snapshot: RunnerSnapshot | null;
}

/** The settings a set of runs was started with (shown beside the curves). */
export interface RunSettings {
	depth: number;
	width: number;
	seed: number;
	backend: Backend;
}

const ACTIVE = new Set(['loading', 'running']);
const FINAL = new Set(['done', 'diverged', 'error', 'cancelled']);

export class TrainingRuns {
	runs = $state.raw<RunView[]>(TRAIN_CONFIGS.map((config) => ({ config, snapshot: null })));
	settings = $state.raw<RunSettings | null>(null);
	#runners: TrainingRunner[] = [];
	#generation = 0;

	get phase(): TrainingPhase {
		const statuses = this.runs.map((r) => r.snapshot?.status ?? 'idle');
		if (statuses.every((s) => s === 'idle')) return 'idle';
		if (statuses.some((s) => ACTIVE.has(s))) return statuses.some((s) => s === 'running') ? 'running' : 'loading';
		if (statuses.some((s) => s === 'paused')) return 'paused';
		return statuses.every((s) => FINAL.has(s)) ? 'finished' : 'loading';
	}

	async start(depth: number, width: number, seed: number, backend: Backend): Promise<void> {
		this.reset();
		const generation = ++this.#generation;
		this.settings = { depth, width: liveWidth(width), seed, backend };
		this.runs = this.runs.map((r) => ({ ...r, snapshot: { ...placeholder(backend), status: 'loading' } }));
		const [{ liveTrainingJob }, { TrainingRunner }] = await Promise.all([import('./training'), import('$lib/onnx/training/runner')]);
		if (generation !== this.#generation) return;
		this.#runners = TRAIN_CONFIGS.map(
			(config, i) =>
				new TrainingRunner(liveTrainingJob(config, depth, width, seed), {
					backend,
					onProgress: (snapshot) => {
						if (generation === this.#generation) this.runs = this.runs.map((r, j) => (j === i ? { ...r, snapshot } : r));
					}
				})
		);
		for (const runner of this.#runners) runner.start();
	}

	pause(): void {
		for (const runner of this.#runners) runner.pause();
	}

	resume(): void {
		for (const runner of this.#runners) runner.resume();
	}

	/** Cancels every run and clears the curves. */
	reset(): void {
		this.#generation++;
		for (const runner of this.#runners) runner.cancel();
		this.#runners = [];
		this.settings = null;
		this.runs = TRAIN_CONFIGS.map((config) => ({ config, snapshot: null }));
	}

	/** A plain view for the e2e tests. */
	summary(): { id: string; status: string; thread: string | null; steps: number; firstLoss: number | null; lastLoss: number | null; message: string | null }[] {
		return this.runs.map(({ config, snapshot }) => ({
			id: config.id,
			status: snapshot?.status ?? 'idle',
			thread: snapshot?.thread ?? null,
			steps: snapshot?.step ?? 0,
			firstLoss: snapshot?.firstLoss ?? null,
			lastLoss: snapshot?.lastLoss ?? null,
			message: snapshot?.message ?? null
		}));
	}
}

function placeholder(backend: Backend): RunnerSnapshot {
	return {
		status: 'idle',
		backend,
		thread: backend === 'wasm' ? 'worker' : 'page',
		step: 0,
		maxSteps: 0,
		losses: [],
		params: [],
		firstLoss: null,
		lastLoss: null,
		stepsPerSecond: null,
		message: null
	};
}

/** Exposes the runs on `window.__vlabTraining` (tests, benchmark); returns a cleanup. */
export function exposeTrainingHook(runs: TrainingRuns, start: () => void): () => void {
	const hook = {
		get phase() {
			return runs.phase;
		},
		get settings() {
			return runs.settings;
		},
		get runs() {
			return runs.summary();
		},
		start
	};
	return installTrainingHook(hook);
}
