/**
 * The batch-size experiment of figure 3, the parts that are plain arithmetic: which batch sizes,
 * how many rows of samples, drawing them from the pool, and reducing the models' outputs to
 * spreads and a log-log slope. No DOM, no ONNX.
 *
 * 2K rows of 64 samples are drawn once; a batch of size B is the first B samples of a row (so
 * every batch size reuses the same draws, and the curves are smooth). The first K rows are drawn
 * at random (with replacement: the draws are independent and the batch mean's variance is
 * exactly the pool's σ²/B); in the last K rows, slot 0 is always the same sample x₀ and only its
 * batch-mates change.
 */
import type { Rng } from '$lib/random';
import type { Layout } from './axes';

/** Powers of two across the slider's range: seven points, six octaves for the slope. */
export const SWEEP_BATCH_SIZES: readonly number[] = [1, 2, 4, 8, 16, 32, 64];

/** Samples in the pool the batches are drawn from. */
export const POOL_SIZE = 256;

/** Samples per row: the largest batch size. */
export const ROW_SLOTS = 64;

/** Pool index of x₀, the sample whose output the train/test panel follows. */
export const FIXED_SAMPLE = 0;

/**
 * Rows per half: 64 (the spreads are standard deviations over these rows, good to ~9 %), fewer
 * for big tensors so the draw stays under ~4 M values, never below 8.
 */
export function drawsPerHalf(channels: number, spatial: number): number {
	return Math.max(8, Math.min(64, Math.floor(2 ** 21 / (ROW_SLOTS * channels * spatial))));
}

export interface SweepDraws {
	/** [2K, 64, C, S] */
	xb: Float32Array;
	/** [2K, C, S]: slot 0 of each row. */
	x0: Float32Array;
}

/** Copies 2K rows of 64 samples out of a channel-first pool [P, C, S]. */
export function drawRows(pool: Float32Array, per: number, half: number, rng: Rng): SweepDraws {
	const samples = pool.length / per;
	const xb = new Float32Array(2 * half * ROW_SLOTS * per);
	const x0 = new Float32Array(2 * half * per);
	for (let k = 0; k < 2 * half; k++) {
		for (let slot = 0; slot < ROW_SLOTS; slot++) {
			const fixed = k >= half && slot === 0;
			const p = fixed ? FIXED_SAMPLE : Math.floor(rng.uniform() * samples);
			const sample = pool.subarray(p * per, (p + 1) * per);
			xb.set(sample, (k * ROW_SLOTS + slot) * per);
			if (slot === 0) x0.set(sample, k * per);
		}
	}
	return { xb, x0 };
}

/** W [n, 64]: row i averages the first sizes[i] slots. */
export function batchWeights(sizes: readonly number[]): Float32Array {
	const w = new Float32Array(sizes.length * ROW_SLOTS);
	sizes.forEach((b, i) => w.fill(1 / b, i * ROW_SLOTS, i * ROW_SLOTS + b));
	return w;
}

/** Sample standard deviation of `values[start + i·stride]` for i < count. */
function stdAlong(values: ArrayLike<number>, start: number, stride: number, count: number): number {
	let mean = 0;
	for (let i = 0; i < count; i++) mean += values[start + i * stride];
	mean /= count;
	let ss = 0;
	for (let i = 0; i < count; i++) {
		const d = values[start + i * stride] - mean;
		ss += d * d;
	}
	return Math.sqrt(ss / Math.max(1, count - 1));
}

/** What the batch-statistics graph returned (flattened, row-major; n batch sizes). */
export interface SweepRun {
	batchMean: ArrayLike<number>; // [2K, n, C]
	batchVar: ArrayLike<number>; // [2K, n, C]
	layerMean: ArrayLike<number>; // [2K] image, [2K, S] sequence
	groupMean: ArrayLike<number>; // [2K, G]
	train: ArrayLike<number>; // [2K, n, C, S]
	running: ArrayLike<number>; // [2K, C, S]
	layer: ArrayLike<number>; // [2K, C, S]
}

export interface SweepPoint {
	batch: number;
	/** Spread (std over the random rows) of the mean each method normalizes slot 0 with, in units of the channel's std. */
	batchMeanSpread: number;
	/** Spread of BatchNorm's batch variance, in units of the channel's variance. */
	batchVarSpread: number;
	layerMeanSpread: number;
	groupMeanSpread: number;
	/** x₀ fixed, batch-mates random: mean over elements of the std of x₀'s normalized output. */
	trainSpread: number;
	runningSpread: number;
	layerSpread: number;
	/** RMS difference between x₀'s training-mode and running-statistics outputs: the train/test gap. */
	trainTestGap: number;
}

export interface SweepGeometry {
	layout: Layout;
	channels: number;
	spatial: number;
	groups: number;
	half: number;
	/** The pool's per-channel variance (running statistics): the spreads' units. */
	poolVar: ArrayLike<number>;
}

/** One point per batch size (in the order of `sizes`, the rows of W). */
export function summarizeSweep(sizes: readonly number[], run: SweepRun, geo: SweepGeometry): SweepPoint[] {
	const { channels: c, spatial: s, groups, half: k } = geo;
	const n = sizes.length;
	const perGroup = c / groups;
	const per0 = c * s;
	const sd = Array.from({ length: c }, (_, ch) => Math.sqrt(geo.poolVar[ch]));

	// LayerNorm, GroupNorm and running-statistics BatchNorm never see the batch: one value each.
	let groupSpread = 0;
	for (let ch = 0; ch < c; ch++) groupSpread += stdAlong(run.groupMean, Math.floor(ch / perGroup), groups, k) / sd[ch];
	let layerSpread = 0;
	if (geo.layout === 'image') {
		const spread = stdAlong(run.layerMean, 0, 1, k);
		for (let ch = 0; ch < c; ch++) layerSpread += spread / sd[ch];
		layerSpread /= c;
	} else {
		// Per token: one mean per position t, applied to every feature of that token.
		for (let t = 0; t < s; t++) {
			const spread = stdAlong(run.layerMean, t, s, k);
			for (let ch = 0; ch < c; ch++) layerSpread += spread / sd[ch];
		}
		layerSpread /= c * s;
	}
	let running = 0;
	let layer = 0;
	for (let e = 0; e < per0; e++) {
		running += stdAlong(run.running, k * per0 + e, per0, k);
		layer += stdAlong(run.layer, k * per0 + e, per0, k);
	}

	return sizes.map((batch, i) => {
		let meanSpread = 0;
		let varSpread = 0;
		for (let ch = 0; ch < c; ch++) {
			meanSpread += stdAlong(run.batchMean, i * c + ch, n * c, k) / sd[ch];
			varSpread += stdAlong(run.batchVar, i * c + ch, n * c, k) / geo.poolVar[ch];
		}
		// The fixed-x₀ half: rows k..2k-1 of train [2k, n, c, s].
		let train = 0;
		let gap = 0;
		for (let e = 0; e < per0; e++) {
			train += stdAlong(run.train, (k * n + i) * per0 + e, n * per0, k);
			for (let r = k; r < 2 * k; r++) {
				const d = run.train[(r * n + i) * per0 + e] - run.running[r * per0 + e];
				gap += d * d;
			}
		}
		return {
			batch,
			batchMeanSpread: meanSpread / c,
			batchVarSpread: varSpread / c,
			layerMeanSpread: layerSpread,
			groupMeanSpread: groupSpread / c,
			trainSpread: train / per0,
			runningSpread: running / per0,
			layerSpread: layer / per0,
			trainTestGap: Math.sqrt(gap / (k * per0))
		};
	});
}

/** Least-squares slope of log y against log x (the exponent of a power law). */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
	const lx = xs.map(Math.log);
	const ly = ys.map(Math.log);
	const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
	const my = ly.reduce((a, b) => a + b, 0) / ly.length;
	let num = 0;
	let den = 0;
	lx.forEach((x, i) => {
		num += (x - mx) * (ly[i] - my);
		den += (x - mx) ** 2;
	});
	return num / den;
}

/** c with c/√B closest (in log) to the points: the 1/√B guide drawn through the data. */
export function inverseSqrtFit(xs: readonly number[], ys: readonly number[]): number {
	const logs = xs.map((x, i) => Math.log(ys[i] * Math.sqrt(x)));
	return Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length);
}
