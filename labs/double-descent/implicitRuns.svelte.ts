/**
 * Figure 5's live training: gradient descent on one over-parameterized problem from two starts
 * (w_0 = 0 and a random w_0), started, paused, resumed and reset together, with what the figure
 * plots as reactive state. Nothing heavy is imported until the reader presses Start: then the
 * feature graph runs (the same ONNX graph and session as the sweep), ml-matrix decomposes the
 * features once (step size, Φ⁺y, w_0's null-space part), and one TrainingRunner per start trains
 * the readout (in the training worker on WASM, on the page on WebGPU). The iterates come back at
 * log-spaced steps and are measured here, in float64, against Φ⁺y.
 *
 * `window.__vlabTraining` mirrors the runs for the e2e tests, as in the vanishing-gradients lab.
 */
import type { Backend } from '$lib/onnx/backend';
import type { RunnerSnapshot, TrainingRunner } from '$lib/onnx/training/runner';
import type { FeatureFamily } from './data';
import type { GdProblem, IterateStats } from './gdProblem';
import type { TargetId } from './targets';
import { installTrainingHook } from '$lib/ui/testHook';

export type StartId = 'zero' | 'random';
export type ImplicitPhase = 'idle' | 'loading' | 'running' | 'paused' | 'finished';

export interface ImplicitSettings {
	family: FeatureFamily;
	target: TargetId;
	n: number;
	noise: number;
	seed: number;
	backend: Backend;
}

/** One iterate read back, measured. */
export interface IteratePoint extends IterateStats {
	step: number;
}

export interface ImplicitRun {
	id: StartId;
	label: string;
	status: RunnerSnapshot['status'];
	thread: RunnerSnapshot['thread'] | null;
	step: number;
	maxSteps: number;
	points: IteratePoint[];
	stepsPerSecond: number | null;
	message: string | null;
}

/** Plain numbers about the problem, for the rulers, the setup line and the summary. */
export interface ImplicitProblemView {
	n: number;
	p: number;
	lr: number;
	sigmaMax: number;
	sigmaMin: number;
	steps: number;
	/** Steps GD from zero needs (exact arithmetic) to come within TARGET_DISTANCE of Φ⁺y. */
	stepsNeeded: number;
	targetDistance: number;
	/** Φ⁺y: its norm and test error. */
	minNorm: { norm: number; testError: number };
	/** Where GD from the random w_0 must end: Φ⁺y + (I − VVᵀ)w_0. */
	randomLimit: { norm: number; testError: number; distance: number };
}

export const START_LABELS: Record<StartId, string> = { zero: 'GD from w₀ = 0', random: 'GD from a random w₀' };
const STARTS: StartId[] = ['zero', 'random'];

/** Steps are capped so a run stays within about this many multiply-adds of forward passes. */
const WORK_BUDGET = 4e9;
const MAX_STEPS = 100_000;
const MIN_STEPS = 200;
/** A run aims to bring w_t this close to Φ⁺y (relative, in exact arithmetic). */
const TARGET_DISTANCE = 1e-3;

const ACTIVE = new Set(['loading', 'running']);
const FINAL = new Set(['done', 'diverged', 'error', 'cancelled']);

const idleRun = (id: StartId): ImplicitRun => ({
	id,
	label: START_LABELS[id],
	status: 'idle',
	thread: null,
	step: 0,
	maxSteps: 0,
	points: [],
	stepsPerSecond: null,
	message: null
});

const NICE = [1, 2, 5, 10];

/** The smallest of 1, 2 or 5 times a power of ten that is at least `steps`. */
function niceCeil(steps: number): number {
	const power = 10 ** Math.floor(Math.log10(Math.max(1, steps)));
	return NICE.map((m) => m * power).find((v) => v >= steps) ?? 10 * power;
}

/** The largest of 1, 2 or 5 times a power of ten that is at most `steps`. */
function niceFloor(steps: number): number {
	const power = 10 ** Math.floor(Math.log10(Math.max(1, steps)));
	return [...NICE].reverse().map((m) => m * power).find((v) => v <= steps) ?? power;
}

/** Most steps a run of n points and p features may take: MAX_STEPS, or less where steps cost more. */
export function stepBudget(n: number, p: number): number {
	return Math.max(MIN_STEPS, niceFloor(Math.min(MAX_STEPS, WORK_BUDGET / (n * p))));
}

export class ImplicitRuns {
	runs = $state.raw<ImplicitRun[]>(STARTS.map(idleRun));
	settings = $state.raw<ImplicitSettings | null>(null);
	problem = $state.raw<ImplicitProblemView | null>(null);
	/** A failure before the runs could start (features, decomposition). */
	error = $state<string | null>(null);
	#runners: TrainingRunner[] = [];
	#generation = 0;

	get phase(): ImplicitPhase {
		if (this.error) return 'finished';
		const statuses = this.runs.map((r) => r.status);
		if (statuses.every((s) => s === 'idle')) return this.settings ? 'loading' : 'idle';
		if (statuses.some((s) => ACTIVE.has(s))) return statuses.some((s) => s === 'running') ? 'running' : 'loading';
		if (statuses.some((s) => s === 'paused')) return 'paused';
		return statuses.every((s) => FINAL.has(s)) ? 'finished' : 'loading';
	}

	async start(settings: ImplicitSettings): Promise<void> {
		this.reset();
		const generation = ++this.#generation;
		const current = () => generation === this.#generation;
		this.settings = settings;
		try {
			const [{ runFeatureGraph }, gd, { gdJob }, { TrainingRunner }] = await Promise.all([
				import('./featureRun'),
				import('./gdProblem'),
				import('./gdTraining'),
				import('$lib/onnx/training/runner')
			]);
			const { n, family, seed, backend } = settings;
			const table = await runFeatureGraph(backend, family, seed, 0, n);
			if (!current()) return;
			const problem = gd.gdProblem(table, settings);
			const w0 = gd.randomStart(problem.p, seed);
			const limit = gd.gdLimit(problem, w0);
			const budget = stepBudget(n, problem.p);
			const stepsNeeded = gd.stepsToReach(problem, TARGET_DISTANCE, 1e12);
			const steps = Math.min(budget, Math.max(MIN_STEPS, niceCeil(stepsNeeded)));
			const minNormStats = gd.iterateStats(problem, problem.minNorm);
			const limitStats = gd.iterateStats(problem, limit);
			this.problem = {
				n,
				p: problem.p,
				lr: problem.lr,
				sigmaMax: problem.s[0],
				sigmaMin: problem.s[problem.s.length - 1],
				steps,
				stepsNeeded,
				targetDistance: TARGET_DISTANCE,
				minNorm: { norm: minNormStats.norm, testError: minNormStats.testError },
				randomLimit: { norm: limitStats.norm, testError: limitStats.testError, distance: limitStats.distance }
			};
			const starts: Record<StartId, ArrayLike<number>> = { zero: new Float64Array(problem.p), random: w0 };
			this.#runners = STARTS.map(
				(id, i) =>
					new TrainingRunner(gdJob(problem, starts[id], steps), {
						backend,
						onProgress: (snapshot) => {
							if (current()) this.#receive(i, snapshot, problem, gd.iterateStats);
						}
					})
			);
			for (const runner of this.#runners) runner.start();
		} catch (error) {
			if (current()) this.error = `Could not set up the runs: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	pause(): void {
		for (const runner of this.#runners) runner.pause();
	}

	resume(): void {
		for (const runner of this.#runners) runner.resume();
	}

	/** Cancels both runs and clears the curves. */
	reset(): void {
		this.#generation++;
		for (const runner of this.#runners) runner.cancel();
		this.#runners = [];
		this.settings = null;
		this.problem = null;
		this.error = null;
		this.runs = STARTS.map(idleRun);
	}

	#receive(index: number, snapshot: RunnerSnapshot, problem: GdProblem, measure: (p: GdProblem, w: Float32Array) => IterateStats): void {
		const previous = this.runs[index];
		// Only readings not measured yet (the snapshot carries every reading so far).
		const fresh = snapshot.params.slice(previous.points.length);
		const points = fresh.length ? [...previous.points, ...fresh.map((r) => ({ step: r.step, ...measure(problem, r.params.w) }))] : previous.points;
		const run: ImplicitRun = {
			...previous,
			status: snapshot.status,
			thread: snapshot.thread,
			step: snapshot.step,
			maxSteps: snapshot.maxSteps,
			points,
			stepsPerSecond: snapshot.stepsPerSecond,
			message: snapshot.message
		};
		this.runs = this.runs.map((r, j) => (j === index ? run : r));
	}

	/** A plain view for the e2e tests. */
	summary() {
		return this.runs.map((run) => {
			const last = run.points.at(-1) ?? null;
			return {
				id: run.id,
				status: run.status,
				thread: run.thread,
				steps: run.step,
				maxSteps: run.maxSteps,
				readings: run.points.length,
				first: run.points[0] ?? null,
				last,
				message: run.message
			};
		});
	}
}

/** Exposes the runs on `window.__vlabTraining` (tests); returns a cleanup. */
export function exposeImplicitHook(runs: ImplicitRuns, start: () => void): () => void {
	const hook = {
		get phase() {
			return runs.phase;
		},
		get settings() {
			return runs.settings;
		},
		get problem() {
			return runs.problem;
		},
		get runs() {
			return runs.summary();
		},
		start
	};
	return installTrainingHook(hook);
}
