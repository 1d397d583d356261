/**
 * From decomposed fits to the numbers the figures draw: errors, norms, the bias–variance split
 * and the best ridge strength. Pure maths, no DOM, no ONNX.
 *
 * Test error is the mean squared distance between the fit and the TRUE function on the test grid
 * (no label noise): the error on fresh noisy labels would be this plus noise².
 *
 * Every fit is linear in its labels, and the labels are y = f + σ ε (f the true function at the
 * training inputs, ε the seed's unit noise draws). So two solves per model, one for f and one
 * for ε, give the fit for every noise level σ: f̂_σ = f̂_f + σ f̂_ε. That is what makes the noise
 * slider, figure 4's noise panel and the bias–variance split cheap.
 */
import { noiseGain, solve, sigmaMin, type SpectralFit, type Solution } from './spectral';

/** One fitted model's summary at one noise level: what the curves average over seeds. */
export interface FitSummary {
	testMse: number;
	trainMse: number;
	thetaNorm: number;
	sigmaMin: number;
	/**
	 * The expected test error over fresh label noise (same inputs, same features), split:
	 * bias² = ‖f̂_f − f_test‖²/g (the fit of the noise-free labels), variance = σ² ‖H‖²_F / g.
	 */
	bias2: number;
	variance: number;
}

/** A summary with the fit itself on the test grid (figure 2 draws it). */
export interface FitStats extends FitSummary {
	testPred: Float64Array;
}

/** The solves of one model (at one λ) for the noise-free labels and for the unit noise. */
export interface LinearPieces {
	clean: Solution;
	unit: Solution;
	/** ‖H‖²_F / g: test-grid variance per unit of noise variance. */
	gain: number;
	sigmaMin: number;
}

export function linearPieces(fit: SpectralFit, clean: ArrayLike<number>, unit: ArrayLike<number>, lambda: number): LinearPieces {
	return { clean: solve(fit, clean, lambda), unit: solve(fit, unit, lambda), gain: noiseGain(fit, lambda), sigmaMin: sigmaMin(fit) };
}

export function meanSquaredError(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
	return sum / a.length;
}

/** ‖(a − truth) + σ b‖² / g without building the vector. */
function errorAt(a: Float64Array, b: Float64Array, truth: ArrayLike<number>, noise: number): number {
	let sum = 0;
	for (let i = 0; i < a.length; i++) sum += (a[i] + noise * b[i] - truth[i]) ** 2;
	return sum / a.length;
}

/** Test error at noise level σ, from the pieces. */
export const testErrorAt = (pieces: LinearPieces, truth: ArrayLike<number>, noise: number) =>
	errorAt(pieces.clean.testPred, pieces.unit.testPred, truth, noise);

/**
 * A train error of labels whose mean square is `labelsSquared`: an interpolating fit leaves a
 * residual of rounding noise (~1e-30), and that is zero, so say so.
 */
export const trainResidual = (mse: number, labelsSquared: number) => (mse < 1e-24 * labelsSquared ? 0 : mse);

/** Everything about the fit of labels f + σ ε, from the pieces. */
export function statsAt(pieces: LinearPieces, clean: ArrayLike<number>, unit: ArrayLike<number>, noise: number, truth: ArrayLike<number>): FitStats {
	const { clean: c, unit: u } = pieces;
	const labels = Float64Array.from(clean, (v, i) => v + noise * unit[i]);
	const trainPred = Float64Array.from(c.trainPred, (v, i) => v + noise * u.trainPred[i]);
	const testPred = Float64Array.from(c.testPred, (v, i) => v + noise * u.testPred[i]);
	let normSq = 0;
	for (let k = 0; k < c.coef.length; k++) normSq += (c.coef[k] + noise * u.coef[k]) ** 2;
	const labelsSquared = meanSquaredError(labels, new Float64Array(labels.length));
	return {
		testMse: meanSquaredError(testPred, truth),
		trainMse: trainResidual(meanSquaredError(trainPred, labels), labelsSquared),
		thetaNorm: Math.sqrt(normSq),
		sigmaMin: pieces.sigmaMin,
		testPred,
		bias2: meanSquaredError(c.testPred, truth),
		variance: noise * noise * pieces.gain
	};
}

/**
 * A quantity that is quadratic in the noise level σ: a + 2bσ + cσ² (forms.ts). Three numbers per
 * (model, λ) give a model's test error at every noise level, which is what lets the ridge search
 * and figure 4's noise panel run for any σ without solving again.
 */
export interface ErrorQuadratic {
	a: number;
	b: number;
	c: number;
}

export const quadraticAt = (q: ErrorQuadratic, noise: number) => q.a + 2 * q.b * noise + q.c * noise * noise;

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Geometric mean, for quantities that span decades (‖θ̂‖, σ_min): one huge seed does not rule. */
export const geometricMean = (xs: readonly number[]) => Math.exp(mean(xs.map((x) => Math.log(x))));

/** λ values the lab searches for the best ridge strength: half-decades from 1e-8 to 10. */
export const LAMBDA_SEARCH = Array.from({ length: 19 }, (_, i) => 10 ** (-8 + i / 2));

/**
 * The index in LAMBDA_SEARCH of the λ with the lowest test error averaged over every model size
 * (and seed): one λ for the whole curve, as a reader would pick it with the slider.
 * `testErrorAt(i)` returns that average for LAMBDA_SEARCH[i].
 */
export function bestLambdaIndex(testErrorAt: (index: number) => number): number {
	let best = 0;
	let bestError = Infinity;
	LAMBDA_SEARCH.forEach((_, i) => {
		const error = testErrorAt(i);
		if (error < bestError) {
			bestError = error;
			best = i;
		}
	});
	return best;
}
