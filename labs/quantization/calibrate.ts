/**
 * Activation ranges from calibration data (pure): min-max keeps every value on the grid;
 * percentile clips the rarest tails; least MSE searches the clip that minimizes the squared
 * error of the fake-quantized values (clipping traded for rounding). Per tensor.
 */
import { fakeQuant, gridFor, type Grid, type Scheme } from './quantizer';

export type Calibration = 'minmax' | 'pct' | 'mse';

/** Clip ratios the least-MSE search tries: 1, 0.99, …, 0.05 of the min-max range. */
const RATIOS = Array.from({ length: 96 }, (_, i) => 1 - i / 100);

/** The value below which `p`% of the sorted values lie (nearest rank). */
export function percentile(sorted: Float64Array, p: number): number {
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i];
}

function squaredError(x: ArrayLike<number>, g: Grid): number {
	let e = 0;
	for (let i = 0; i < x.length; i++) e += (x[i] - fakeQuant(x[i], g)) ** 2;
	return e;
}

/** The grid for activations `x` at `bits` bits under one calibration. */
export function calibrate(x: ArrayLike<number>, bits: number, scheme: Scheme, method: Calibration, pct: number): Grid {
	let lo = Infinity;
	let hi = -Infinity;
	for (let i = 0; i < x.length; i++) {
		lo = Math.min(lo, x[i]);
		hi = Math.max(hi, x[i]);
	}
	if (method === 'minmax') return gridFor(lo, hi, bits, scheme);
	if (method === 'pct') {
		if (scheme === 'sym') {
			const abs = Float64Array.from(x, Math.abs).sort();
			const m = percentile(abs, pct);
			return gridFor(-m, m, bits, scheme);
		}
		const sorted = Float64Array.from(x).sort();
		return gridFor(percentile(sorted, 100 - pct), percentile(sorted, pct), bits, scheme);
	}
	let best = gridFor(lo, hi, bits, scheme);
	let bestError = squaredError(x, best);
	for (const r of RATIOS.slice(1)) {
		const g = gridFor(r * lo, r * hi, bits, scheme);
		const e = squaredError(x, g);
		if (e < bestError) [best, bestError] = [g, e];
	}
	return best;
}
