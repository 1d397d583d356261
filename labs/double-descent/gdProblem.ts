/**
 * Figure 5's problem, as pure maths (float64, ml-matrix; no DOM, no runtime): gradient descent
 * on the least-squares loss of one over-parameterized random-feature model, and what its
 * iterates are compared with.
 *
 * For Φ (n × p, p > n) with thin SVD Φ = U S Vᵀ and the mean squared error
 * L(w) = (1/n)‖Φw − y‖², the gradient (2/n) Φᵀ(Φw − y) lies in the row space of Φ (the span of
 * V). So w_t − w_0 stays in that span, and since GD converges along every direction of it, the
 * limit is the interpolant whose row-space part is Φ⁺y and whose null-space part is w_0's:
 *   w_∞ = Φ⁺y + (I − V Vᵀ) w_0,   which is Φ⁺y, the minimum-norm interpolant, when w_0 = 0.
 * The Hessian is (2/n) ΦᵀΦ, with largest eigenvalue 2σ_max²/n; the step size 1 over that,
 * lr = n / (2σ_max²), is half the largest stable one, and shrinks the error along v_i by the
 * factor 1 − σ_i²/σ_max² per step (no direction overshoots).
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { createRng } from '$lib/random';
import { drawTraining, featureScale, GRID_SIZE, N_MAX, testGrid } from './data';
import { GD_FEATURES_PER_POINT, GD_LR_SHARE, GD_START_STD } from './gdConstants';
import type { FeatureTable } from './sweep';
import { evaluateTarget, targetFn, type TargetId } from './targets';

/** Seed stream of w_0, apart from the data's and the features' streams. */
const START_STREAM = 0x57a7;

export interface GdProblem {
	n: number;
	p: number;
	/** Training features Φ (n × p) and test features Φ_test (GRID_SIZE × p), row-major, scaled. */
	train: Float64Array;
	test: Float64Array;
	/** Noisy training labels and the true function on the test grid. */
	y: Float64Array;
	truth: Float64Array;
	/** Singular values of Φ (nonzero ones, largest first). */
	s: Float64Array;
	/** Right singular vectors V (p × r, row-major): an orthonormal basis of Φ's row space. */
	v: Float64Array;
	/** The minimum-norm least-squares solution Φ⁺y. */
	minNorm: Float64Array;
	/** The step size n / (2σ_max²) · GD_LR_SHARE. */
	lr: number;
}

export interface ProblemSpec {
	n: number;
	noise: number;
	target: TargetId;
	seed: number;
}

export const gdModelSize = (n: number) => GD_FEATURES_PER_POINT * n;

/** Figure 5's problem from the first replicate's raw feature table (as the sweep uses it). */
export function gdProblem(table: FeatureTable, spec: ProblemSpec): GdProblem {
	const { n } = spec;
	const p = gdModelSize(n);
	if (p > table.cols) throw new Error(`gdProblem: p = ${p} needs ${p} features, the table has ${table.cols}`);
	const scale = featureScale(p);
	const cut = (from: number, rows: number) => {
		const out = new Float64Array(rows * p);
		for (let i = 0; i < rows; i++) for (let j = 0; j < p; j++) out[i * p + j] = scale * table.data[(from + i) * table.cols + j];
		return out;
	};
	const train = cut(0, n);
	const test = cut(N_MAX, GRID_SIZE);
	const draw = drawTraining(spec.seed, 0);
	const f = targetFn(spec.target);
	const y = Float64Array.from({ length: n }, (_, i) => f(draw.x[i]) + spec.noise * draw.noise[i]);
	const truth = evaluateTarget(spec.target, testGrid());

	const { s, u } = gramSpectrum(train, n, p);
	const r = s.length;
	// v_k = Φᵀu_k / σ_k, and Φ⁺y = Σ_k (u_kᵀy / σ_k) v_k.
	const v = new Float64Array(p * r);
	const minNorm = new Float64Array(p);
	for (let k = 0; k < r; k++) {
		let uty = 0;
		for (let i = 0; i < n; i++) uty += u[i * r + k] * y[i];
		for (let i = 0; i < n; i++) {
			const weight = u[i * r + k] / s[k];
			if (weight === 0) continue;
			for (let j = 0; j < p; j++) v[j * r + k] += weight * train[i * p + j];
		}
		const c = uty / s[k];
		for (let j = 0; j < p; j++) minNorm[j] += c * v[j * r + k];
	}
	const lr = (GD_LR_SHARE * n) / (2 * s[0] * s[0]);
	return { n, p, train, test, y, truth, s, v, minNorm, lr };
}

/**
 * Φ's nonzero singular values and left singular vectors (n × r, row-major) from the n × n Gram
 * matrix ΦΦᵀ = U S² Uᵀ: with p = 10n, decomposing the small Gram matrix is ten times less work
 * than an SVD of Φ, which matters on the page's main thread (n = 200, in Node: 0.4 s instead of
 * 2.3 s with ml-matrix; Φ⁺y agrees with ml-matrix's pseudoInverse to 4e-10). Forming ΦΦᵀ squares the condition number, so an eigenvalue is trusted down to
 * max(n, p)·ε·σ_max² (σ down to about 1e-6·σ_max here), far below what these features reach.
 */
function gramSpectrum(train: Float64Array, n: number, p: number): { s: Float64Array; u: Float64Array } {
	const gram = Matrix.zeros(n, n);
	for (let a = 0; a < n; a++) {
		for (let b = a; b < n; b++) {
			let dot = 0;
			for (let j = 0; j < p; j++) dot += train[a * p + j] * train[b * p + j];
			gram.set(a, b, dot);
			gram.set(b, a, dot);
		}
	}
	// A symmetric positive semi-definite matrix: its SVD is its eigendecomposition, largest first.
	const svd = new SingularValueDecomposition(gram, { computeRightSingularVectors: false });
	const eig = svd.diagonal;
	const tolerance = Math.max(n, p) * Number.EPSILON * eig[0];
	let r = 0;
	while (r < eig.length && eig[r] > tolerance) r++;
	const s = Float64Array.from(eig.slice(0, r), Math.sqrt);
	const left = svd.leftSingularVectors;
	const u = new Float64Array(n * r);
	for (let i = 0; i < n; i++) for (let k = 0; k < r; k++) u[i * r + k] = left.get(i, k);
	return { s, u };
}

/** The random start w_0: GD_START_STD · N(0, 1) per entry, from the data seed. */
export function randomStart(p: number, seed: number): Float64Array {
	const rng = createRng((Math.imul(seed | 0, 0x9e3779b1) ^ START_STREAM) | 0);
	return rng.fillNormal(new Float64Array(p), GD_START_STD);
}

/** (I − V Vᵀ) w: the part of w the training data cannot see. */
export function nullSpacePart(problem: GdProblem, w: ArrayLike<number>): Float64Array {
	const { p, v } = problem;
	const r = problem.s.length;
	const out = Float64Array.from(w);
	for (let k = 0; k < r; k++) {
		let dot = 0;
		for (let j = 0; j < p; j++) dot += v[j * r + k] * w[j];
		for (let j = 0; j < p; j++) out[j] -= dot * v[j * r + k];
	}
	return out;
}

/** Where GD from w_0 ends: Φ⁺y plus w_0's null-space part. */
export function gdLimit(problem: GdProblem, w0: ArrayLike<number>): Float64Array {
	const nul = nullSpacePart(problem, w0);
	return Float64Array.from(problem.minNorm, (m, j) => m + nul[j]);
}

export interface IterateStats {
	/** ‖w − Φ⁺y‖ / ‖Φ⁺y‖. */
	distance: number;
	norm: number;
	/** Mean squared error on the noisy training labels, and against the true function on the grid. */
	trainError: number;
	testError: number;
}

function norm(w: ArrayLike<number>): number {
	let sum = 0;
	for (let j = 0; j < w.length; j++) sum += w[j] * w[j];
	return Math.sqrt(sum);
}

function meanSquaredError(features: Float64Array, rows: number, p: number, w: ArrayLike<number>, target: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < rows; i++) {
		let pred = 0;
		for (let j = 0; j < p; j++) pred += features[i * p + j] * w[j];
		sum += (pred - target[i]) ** 2;
	}
	return sum / rows;
}

/** What figure 5 plots for one iterate. */
export function iterateStats(problem: GdProblem, w: ArrayLike<number>): IterateStats {
	const { n, p, minNorm } = problem;
	const diff = Float64Array.from(minNorm, (m, j) => w[j] - m);
	return {
		distance: norm(diff) / norm(minNorm),
		norm: norm(w),
		trainError: meanSquaredError(problem.train, n, p, w, problem.y),
		testError: meanSquaredError(problem.test, GRID_SIZE, p, w, problem.truth)
	};
}

/**
 * Relative distance to Φ⁺y after t steps from w_0 = 0 in exact arithmetic: the error along v_i
 * starts at −(u_iᵀy/σ_i) and shrinks by 1 − lr·2σ_i²/n per step.
 */
export function exactDistanceFromZero(problem: GdProblem, t: number): number {
	const { n, p, s, v, minNorm, lr } = problem;
	const r = s.length;
	let sum = 0;
	for (let k = 0; k < r; k++) {
		let c = 0;
		for (let j = 0; j < p; j++) c += v[j * r + k] * minNorm[j];
		sum += (c * (1 - (2 * lr * s[k] * s[k]) / n) ** t) ** 2;
	}
	return Math.sqrt(sum) / norm(minNorm);
}

/** Steps GD from zero needs (exact arithmetic) to come within `tolerance` of Φ⁺y, relative. */
export function stepsToReach(problem: GdProblem, tolerance: number, cap: number): number {
	if (exactDistanceFromZero(problem, cap) > tolerance) return cap;
	let lo = 0;
	let hi = cap;
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		if (exactDistanceFromZero(problem, mid) > tolerance) lo = mid;
		else hi = mid;
	}
	return hi;
}

/** Log-spaced step counts 0, 1, 2, … up to `steps` (about `perDecade` per factor of ten). */
export function logSteps(steps: number, perDecade = 12): number[] {
	const out = new Set<number>([0]);
	const decades = Math.log10(Math.max(steps, 1));
	const count = Math.ceil(decades * perDecade);
	for (let i = 0; i <= count; i++) out.add(Math.min(steps, Math.round(10 ** ((i / count) * decades))));
	out.add(steps);
	return [...out].sort((a, b) => a - b);
}
