/**
 * The summary's hot loops over the model's stacked outputs ([depth, batch, width] floats, 164k
 * values at the default size), written as plain index loops over Float32Array so that the
 * redraw budget is not spent in iterators, callbacks and throw-away filtered copies. Each gives
 * exactly what the generic helpers give (histogram with `clamp`, reference.ts's layerVariance):
 * same operations in the same order (layerStats.test.ts checks).
 */
import type { Bin } from '$lib/viz/histogram';

/** Empty bins over `domain`, with the edges `histogram` gives them. */
function emptyBins([lo, hi]: [number, number], bins: number): Bin[] {
	const width = (hi - lo) / bins;
	return Array.from({ length: bins }, (_, i) => ({ x0: lo + i * width, x1: i === bins - 1 ? hi : lo + (i + 1) * width, count: 0 }));
}

/**
 * `histogram(values, domain, bins, { clamp: true })` for one layer, leaving exact zeros out when
 * `skipZeros` (ReLU's off side). Returns the bins and how many zeros were skipped.
 */
export function clampedHistogram(values: Float32Array, domain: [number, number], bins: number, skipZeros = false): { bins: Bin[]; zeros: number } {
	const [lo, hi] = domain;
	if (!(Number.isFinite(lo) && Number.isFinite(hi)) || hi <= lo) throw new RangeError(`histogram: bad domain [${lo}, ${hi}]`);
	const n = Math.max(1, Math.floor(bins));
	const width = (hi - lo) / n;
	const counts = new Int32Array(n);
	let zeros = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v === 0) {
			zeros++;
			if (skipZeros) continue;
		}
		if (!Number.isFinite(v)) continue;
		let k = Math.floor((v - lo) / width);
		if (k < 0) k = 0;
		if (k >= n) k = n - 1;
		counts[k]++;
	}
	const out = emptyBins([lo, hi], n);
	for (let k = 0; k < n; k++) out[k].count = counts[k];
	return { bins: out, zeros };
}

/** Var over one layer's values, as reference.ts's layerVariance computes it (two passes). */
export function variance(values: Float32Array): number {
	const per = values.length;
	let mean = 0;
	for (let k = 0; k < per; k++) mean += values[k];
	mean /= per;
	let sq = 0;
	for (let k = 0; k < per; k++) sq += (values[k] - mean) ** 2;
	return sq / per;
}
