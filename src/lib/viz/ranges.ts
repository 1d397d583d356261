/**
 * Axis ranges from data: the extent of the finite values, padded for a linear axis, or the
 * positive values widened by a factor for a log axis. Pure; used by the labs' figures and
 * summaries.
 */

/** [min, max] of the finite values, or null when there are none. */
export function finiteExtent(values: ArrayLike<number>): [number, number] | null {
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (!Number.isFinite(v)) continue;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return min <= max ? [min, max] : null;
}

export interface PaddedExtentOptions {
	/** Room on each side, as a fraction of the span (default 0.02). */
	pad?: number;
	/** The span is taken as at least this, so a nearly flat series is not blown up (default 0). */
	minSpan?: number;
	/** The range when no value is finite (default [-1, 1]). */
	empty?: [number, number];
}

/**
 * The finite values' extent with room around it, for a linear axis. A single value (no span)
 * gets ±1 around it.
 */
export function paddedExtent(values: ArrayLike<number>, options: PaddedExtentOptions = {}): [number, number] {
	const { pad = 0.02, minSpan = 0, empty = [-1, 1] } = options;
	const found = finiteExtent(values);
	if (!found) return empty;
	const [lo, hi] = found;
	const span = Math.max(hi - lo, minSpan);
	if (!(span > 0)) return [lo - 1, hi + 1];
	return [lo - pad * span, hi + pad * span];
}

/**
 * A log-axis domain: the finite positive values, widened by a factor `pad` on each side
 * ([min/pad, max·pad]). With no positive value, [10⁻³, 1].
 */
export function logDomain(values: ArrayLike<number>, pad = 2): [number, number] {
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (!(Number.isFinite(v) && v > 0)) continue;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return min <= max ? [min / pad, max * pad] : [1e-3, 1];
}

/** The smallest [min, max] holding both domains (either may be null: absent). */
export function unionDomain(a: [number, number] | null, b: [number, number]): [number, number] {
	if (!a) return b;
	return [Math.min(a[0], a[1], b[0], b[1]), Math.max(a[0], a[1], b[0], b[1])];
}
