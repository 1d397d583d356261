/**
 * Every random draw of the lab, from the seeded generator: the training inputs, the label-noise
 * draws and the random features' weights, for each replicate (one per averaged seed).
 *
 * Replicate k of data seed s uses two independent streams, one for the data and one for the
 * features, so that:
 * - the first n of the N_MAX training inputs do not depend on n (training sets nest, which the
 *   sample-wise figure uses), and
 * - the first p features do not depend on how many were drawn (models nest along p).
 * Inputs are rounded to float32 once, here, because that is what the ONNX graph receives; the
 * true function is then evaluated at exactly those inputs.
 */
import { createRng } from '$lib/random';
import { X_MAX, X_MIN } from './targets';

/** Training inputs drawn per replicate: the largest n the lab allows. */
export const N_MAX = 200;
/** Evenly spaced test inputs: test error is measured on them and the fit is drawn through them. */
export const GRID_SIZE = 200;
/** Most random features per training point: the sweep runs p from 1 to P_PER_N · n. */
export const P_PER_N = 20;

export type FeatureFamily = 'relu' | 'fourier';

/** Frequencies of the sinusoidal encoding the ReLU features read: kπ/2 for k = 1..ENCODING_FREQS. */
export const ENCODING_FREQS = 8;
/** Length of the encoding γ(x) = (cos(kπx/2)…, sin(kπx/2)…). */
export const ENCODING_DIM = 2 * ENCODING_FREQS;
/**
 * Std of the Fourier features' frequencies per training point (ω = this · n radians per unit of
 * x): the kernel they approximate then has a width of about the gap between training points, so
 * the curve has the same shape at every n. Φ is still badly conditioned near p = n (median
 * condition numbers of 10⁵–10⁹ at p = n, single draws near 10¹⁶ at n = 100), which is why these
 * features are computed in float64 (float64Features.ts).
 */
export const FOURIER_FREQ_PER_POINT = 1;

const GOLDEN = (Math.sqrt(5) - 1) / 2;
const DATA_STREAM = 0x5eed;
const FEATURE_STREAM = 0xfea7;

/** A 32-bit seed for (data seed, replicate, stream): nearby inputs give unrelated streams. */
export function streamSeed(seed: number, replicate: number, stream: number): number {
	let h = Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(replicate + 1, 0x85ebca77) ^ stream;
	h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
	return (h ^ (h >>> 13)) | 0;
}

export interface TrainingDraw {
	/** N_MAX inputs in [X_MIN, X_MAX), float32-rounded. */
	x: Float32Array;
	/** N_MAX standard normal draws: the labels are f(x) + noise · these. */
	noise: Float64Array;
}

/**
 * Training inputs are a randomly shifted golden-ratio sequence, frac(u + iφ): random, yet any
 * first n of them are spread evenly (gaps within a factor ~2.6 of each other). Independent
 * uniform draws put some pairs a thousandth apart; with different noisy labels, every
 * interpolant must jump between them, and that cliff, not double descent, would dominate the
 * page.
 */
export function drawTraining(seed: number, replicate: number): TrainingDraw {
	const rng = createRng(streamSeed(seed, replicate, DATA_STREAM));
	const shift = rng.uniform();
	const x = new Float32Array(N_MAX);
	for (let i = 0; i < N_MAX; i++) x[i] = X_MIN + (X_MAX - X_MIN) * ((shift + i * GOLDEN) % 1);
	const noise = rng.fillNormal(new Float64Array(N_MAX));
	return { x, noise };
}

/** GRID_SIZE evenly spaced inputs covering [X_MIN, X_MAX], float32-rounded. */
export function testGrid(): Float32Array {
	return Float32Array.from({ length: GRID_SIZE }, (_, i) => X_MIN + ((X_MAX - X_MIN) * i) / (GRID_SIZE - 1));
}

/**
 * The random first layer, as the ONNX graph takes it.
 * - relu: w is [ENCODING_DIM, count] row-major (column j is feature j's weights); no bias.
 * - fourier: w is [1, count] (frequencies), b is [count] (phases).
 */
export interface FeatureParams {
	family: FeatureFamily;
	count: number;
	w: Float32Array;
	b: Float32Array;
}

/**
 * `count` features of a family, for n training points.
 * - relu: φ_j(x) = relu(w_j · γ(x)) with w_j ~ N(0, I/ENCODING_FREQS), so w_j · γ(x) ~ N(0, 1)
 *   at every x. A feature that is zero on every training point is dead, and each dead feature
 *   moves the interpolation threshold one step past n. With a random bias a few features in a
 *   hundred are; with none, w_j · γ is a wave around zero, and the rare one that stays negative
 *   over the whole interval (about 1 in 20 000) is flipped, w_j → −w_j.
 * - fourier: φ_j(x) = cos(w_j x + b_j) with w_j ~ N(0, ω²), ω = FOURIER_FREQ_PER_POINT · n, and
 *   b_j uniform on [0, 2π).
 */
export function drawFeatures(family: FeatureFamily, seed: number, replicate: number, count: number, n: number): FeatureParams {
	const rng = createRng(streamSeed(seed, replicate, FEATURE_STREAM));
	if (family === 'relu') {
		const w = new Float32Array(ENCODING_DIM * count);
		const std = 1 / Math.sqrt(ENCODING_FREQS);
		const column = new Float64Array(ENCODING_DIM);
		// Feature by feature, so the first p columns are the same however many are drawn.
		for (let j = 0; j < count; j++) {
			for (let e = 0; e < ENCODING_DIM; e++) column[e] = std * rng.normal();
			const sign = positiveSomewhere(column) ? 1 : -1;
			for (let e = 0; e < ENCODING_DIM; e++) w[e * count + j] = sign * column[e];
		}
		return { family, count, w, b: new Float32Array(0) };
	}
	const w = new Float32Array(count);
	const b = new Float32Array(count);
	const omega = FOURIER_FREQ_PER_POINT * n;
	for (let j = 0; j < count; j++) {
		w[j] = omega * rng.normal();
		b[j] = 2 * Math.PI * rng.uniform();
	}
	return { family, count, w, b };
}

/** Probe inputs for `positiveSomewhere`: finer than any training set's spacing. */
const PROBES = Float64Array.from({ length: 4 * N_MAX + 1 }, (_, i) => X_MIN + ((X_MAX - X_MIN) * i) / (4 * N_MAX));

/** Whether w · γ(x) > 0 somewhere on the input interval (γ as in `features.ts`). */
function positiveSomewhere(w: Float64Array): boolean {
	for (const x of PROBES) {
		let z = 0;
		for (let k = 1; k <= ENCODING_FREQS; k++) {
			const angle = (k * Math.PI * x) / 2;
			z += w[k - 1] * Math.cos(angle) + w[ENCODING_FREQS + k - 1] * Math.sin(angle);
		}
		if (z > 0) return true;
	}
	return false;
}

/**
 * The factor each raw feature is multiplied by in a model of p features: √(2/p). Both families
 * have E[φ²] = ½, so Φ Φᵀ then has ones on its diagonal on average whatever p is, and a given λ
 * means the same shrinkage at every model size.
 */
export function featureScale(p: number): number {
	return Math.sqrt(2 / p);
}
