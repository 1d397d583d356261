/**
 * What figure 5's two runs start from, given the feature table: the problem (ml-matrix
 * decomposes the features once: step size, Φ⁺y, w₀'s null-space part), the numbers the page
 * shows about it, both starts, and the run length. The reader's Start (trainingRun.ts) and the
 * build-time recording (recording.ts) both begin here.
 */
import type { FeatureTable } from './sweep';
import { gdLimit, gdProblem, iterateStats, randomStart, stepsToReach, type GdProblem } from './gdProblem';
import type { ImplicitProblemView, ImplicitSettings, StartId } from './trainingRun';

/** Steps are capped so a run stays within about this many multiply-adds of forward passes. */
const WORK_BUDGET = 4e9;
const MAX_STEPS = 100_000;
const MIN_STEPS = 200;
/** A run aims to bring w_t this close to Φ⁺y (relative, in exact arithmetic). */
const TARGET_DISTANCE = 1e-3;

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

export interface ImplicitSetup {
	problem: GdProblem;
	view: ImplicitProblemView;
	starts: Record<StartId, ArrayLike<number>>;
	steps: number;
}

export function implicitSetup(table: FeatureTable, settings: Omit<ImplicitSettings, 'backend'>): ImplicitSetup {
	const { n, seed } = settings;
	const problem = gdProblem(table, settings);
	const w0 = randomStart(problem.p, seed);
	const limit = gdLimit(problem, w0);
	const stepsNeeded = stepsToReach(problem, TARGET_DISTANCE, 1e12);
	const steps = Math.min(stepBudget(n, problem.p), Math.max(MIN_STEPS, niceCeil(stepsNeeded)));
	const minNormStats = iterateStats(problem, problem.minNorm);
	const limitStats = iterateStats(problem, limit);
	const view: ImplicitProblemView = {
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
	return { problem, view, starts: { zero: new Float64Array(problem.p), random: w0 }, steps };
}
