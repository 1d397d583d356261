/**
 * Plain TypeScript normalizations in float64, written from the definition (group the cells, take
 * each group's moments, normalize) rather than from the ONNX graphs, so the tests can hold the
 * models to them. Also the moments helpers the summaries use.
 */
import { grouping, groupIndex, type Layout, type Method, type Shape3 } from './axes';

export interface GroupMoments {
	mean: Float64Array;
	variance: Float64Array;
	meanSquare: Float64Array;
	count: Float64Array;
}

/** Mean, (population) variance and mean square of `values` per group (two passes: stable). */
export function groupMoments(values: ArrayLike<number>, groupOf: ArrayLike<number>, groups: number): GroupMoments {
	const count = new Float64Array(groups);
	const sum = new Float64Array(groups);
	const sumSquares = new Float64Array(groups);
	for (let i = 0; i < values.length; i++) {
		const g = groupOf[i];
		count[g]++;
		sum[g] += values[i];
		sumSquares[g] += values[i] * values[i];
	}
	const mean = sum.map((s, g) => s / count[g]);
	const centred = new Float64Array(groups);
	for (let i = 0; i < values.length; i++) {
		const d = values[i] - mean[groupOf[i]];
		centred[groupOf[i]] += d * d;
	}
	return {
		mean,
		variance: centred.map((s, g) => s / count[g]),
		meanSquare: sumSquares.map((s, g) => s / count[g]),
		count
	};
}

export interface NormalizedReference {
	y: Float64Array;
	moments: GroupMoments;
}

/** y = (x − μ_S)/√(σ²_S + ε), or x/√(mean_S(x²) + ε) for RMSNorm; γ = 1, β = 0. */
export function normalizeReference(
	x: ArrayLike<number>,
	layout: Layout,
	method: Method,
	shape: Shape3,
	groups: number,
	eps: number
): NormalizedReference {
	const g = grouping(layout, method, shape, groups);
	const index = groupIndex(g, shape);
	const moments = groupMoments(x, index, g.count);
	const y = new Float64Array(x.length);
	for (let i = 0; i < x.length; i++) {
		const k = index[i];
		y[i] =
			method === 'rms'
				? x[i] / Math.sqrt(moments.meanSquare[k] + eps)
				: (x[i] - moments.mean[k]) / Math.sqrt(moments.variance[k] + eps);
	}
	return { y, moments };
}

/** Per-channel mean and variance of a channel-first pool [P, C, S] (BatchNorm's running statistics). */
export function channelMoments(pool: ArrayLike<number>, channels: number, spatial: number): { mean: Float64Array; variance: Float64Array } {
	const per = channels * spatial;
	const samples = pool.length / per;
	const index = new Int32Array(pool.length);
	for (let p = 0; p < samples; p++) for (let c = 0; c < channels; c++) index.fill(c, p * per + c * spatial, p * per + (c + 1) * spatial);
	const { mean, variance } = groupMoments(pool, index, channels);
	return { mean, variance };
}

/** Largest |a − b| over two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length}`);
	let m = 0;
	for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
	return m;
}
