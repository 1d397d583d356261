/**
 * Histogram helpers for figures: pure functions, no DOM.
 * `histogram` bins values into equal-width bins over a fixed domain, so that
 * several histograms (one per layer, say) share the same bin edges and can be compared.
 */

/** One histogram bin: the half-open interval [x0, x1) and how many values fell in it. */
export interface Bin {
	x0: number;
	x1: number;
	count: number;
}

export interface HistogramOptions {
	/** Put out-of-domain values into the first/last bin instead of dropping them (shows saturation). */
	clamp?: boolean;
}

/**
 * Counts `values` into `bins` equal-width bins over `domain`.
 * Bins are half-open [x0, x1) except the last, which also takes `domain[1]`.
 * Non-finite values are always skipped; out-of-domain values are skipped unless `clamp`.
 */
export function histogram(
	values: ArrayLike<number>,
	domain: [number, number],
	bins: number,
	options: HistogramOptions = {}
): Bin[] {
	const [lo, hi] = domain;
	if (!(Number.isFinite(lo) && Number.isFinite(hi)) || hi <= lo) {
		throw new RangeError(`histogram: bad domain [${lo}, ${hi}]`);
	}
	const n = Math.max(1, Math.floor(bins));
	const width = (hi - lo) / n;
	// Edges computed from lo + i*width (not by accumulation) so the last edge is exactly hi.
	const out: Bin[] = Array.from({ length: n }, (_, i) => ({
		x0: lo + i * width,
		x1: i === n - 1 ? hi : lo + (i + 1) * width,
		count: 0
	}));
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (!Number.isFinite(v)) continue;
		if (v < lo || v > hi) {
			if (!options.clamp) continue;
		}
		let k = Math.floor((v - lo) / width);
		if (k < 0) k = 0;
		if (k >= n) k = n - 1; // v === hi, or clamped from above
		out[k].count++;
	}
	return out;
}

/**
 * A histogram's step outline as x and y columns: each bin's count held from its x0 (draw with
 * d3's curveStepAfter), closed at the last bin's right edge.
 */
export function stepOutline(bins: readonly Bin[]): { x: number[]; y: number[] } {
	const x = bins.map((b) => b.x0);
	const y = bins.map((b) => b.count);
	const last = bins[bins.length - 1];
	if (last) {
		x.push(last.x1);
		y.push(last.count);
	}
	return { x, y };
}
