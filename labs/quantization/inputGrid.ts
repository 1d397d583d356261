/**
 * Figure 1 for a linear layer's inputs (the activations it multiplies its weights by), the spec's
 * "linear inputs": the values the calibration sequences produce there, the per-tensor grid the
 * chosen calibration gives them at the activation bits, and the tails that grid clips. Pure: the
 * values come from the calibration run (accuracy.ts's linearInputs), the rest is TypeScript.
 *
 * Activations get one grid per tensor here, as figure 2 quantizes them: a scale per feature
 * would have to be applied to every token at run time. The four feature strips show why that
 * hurts when one feature is much wider than the rest.
 */
import { histogram } from '$lib/viz/histogram';
import { calibrate, type Calibration } from './calibrate';
import { fakeQuant, levels, type Grid, type Scheme } from './quantizer';
import { BINS, channelPicks, columnOf, type GridResults } from './summary';
import { BITS } from './weightFormats';

/** Dots per feature strip, at most. */
const STRIP_DOTS = 256;

/** Bits figure 1 rounds inputs to: the activation bits, or 8 while figure 2 keeps activations float. */
export const INPUT_BITS_WHEN_FLOAT = 8;

export interface InputSettings {
	bits: number;
	scheme: Scheme;
	calib: Calibration;
	pct: number;
}

/** Values beyond the grid by more than half a step: there clamping, not rounding, sets the error. */
export function clippedShare(x: ArrayLike<number>, grid: Grid): number {
	const lo = grid.scale * (grid.qmin - grid.zero) - grid.scale / 2;
	const hi = grid.scale * (grid.qmax - grid.zero) + grid.scale / 2;
	let n = 0;
	for (let i = 0; i < x.length; i++) if (x[i] < lo || x[i] > hi) n++;
	return n / x.length;
}

/** Mean squared error and SQNR (dB) of `x` rounded to `grid`. */
export function roundingError(x: ArrayLike<number>, grid: Grid): { mse: number; sqnr: number } {
	let err = 0;
	let power = 0;
	for (let i = 0; i < x.length; i++) {
		err += (x[i] - fakeQuant(x[i], grid)) ** 2;
		power += x[i] ** 2;
	}
	return { mse: err / x.length, sqnr: err > 0 ? 10 * Math.log10(power / err) : Infinity };
}

/** The figure's numbers for the inputs `x` of one linear layer, [tokens, features] row-major. */
export function summarizeInputs(name: string, x: Float32Array, features: number, s: InputSettings): GridResults {
	const tokens = x.length / features;
	const grid = calibrate(x, s.bits, s.scheme, s.calib, s.pct);
	const error = roundingError(x, grid);
	let lo = Infinity;
	let hi = -Infinity;
	for (const v of x) {
		lo = Math.min(lo, v);
		hi = Math.max(hi, v);
	}
	const matrix = { data: x, shape: [tokens, features] };
	const gridLevels = levels(grid);
	// The strips draw a dot per value: every token's for the histogram, at most STRIP_DOTS per feature on the strips.
	const every = Math.max(1, Math.ceil(tokens / STRIP_DOTS));
	return {
		tensor: name,
		format: String(s.bits) as GridResults['format'],
		rows: tokens,
		cols: features,
		domain: [lo, hi],
		bins: histogram(x, [lo, hi], BINS).map((b) => ({ x: (b.x0 + b.x1) / 2, count: b.count })),
		binWidth: (hi - lo) / BINS,
		tensorLevels: gridLevels,
		channels: channelPicks(matrix).map((c) => ({ channel: c, values: columnOf(matrix, c).filter((_, i) => i % every === 0), levels: gridLevels, scale: grid.scale })),
		tensorScale: grid.scale,
		tensorZero: grid.zero,
		channelScales: [grid.scale, grid.scale],
		...error,
		bitsPerWeight: s.bits,
		byGranularity: { tensor: error, channel: error },
		mseByBits: BITS.map((b) => roundingError(x, calibrate(x, b, s.scheme, s.calib, s.pct)).mse),
		inputs: { calib: s.calib, pct: s.pct, clip: [gridLevels[0], gridLevels[gridLevels.length - 1]], clipped: clippedShare(x, grid) }
	};
}
