/**
 * The analytic quantizer of figure 1, in plain TypeScript (no ONNX): a weight matrix stored
 * [n_in, n_out] (y = x·W) is mapped to b-bit integer codes q = clip(round(x/s) + z) and back to
 * s·(q − z), with one scale for the whole tensor or one per output channel (column, the axis the
 * graphs' DequantizeLinear(axis = 1) dequantizes along). Rounding is floor(v + ½), as the lab's graphs do it.
 */
export type Scheme = 'sym' | 'asym';
export type Granularity = 'tensor' | 'channel';

export interface Grid {
	/** Step s and zero point z. */
	scale: number;
	zero: number;
	/** Smallest and largest code. */
	qmin: number;
	qmax: number;
}

/** The grid that covers [lo, hi] (min-max calibration). */
export function gridFor(lo: number, hi: number, bits: number, scheme: Scheme): Grid {
	if (scheme === 'sym') {
		// Symmetric: z = 0 and the codes ±(2^{b−1} − 1), so +max and −max are both on the grid.
		const qmax = 2 ** (bits - 1) - 1;
		const absmax = Math.max(Math.abs(lo), Math.abs(hi));
		return { scale: absmax > 0 ? absmax / qmax : 1, zero: 0, qmin: -qmax, qmax };
	}
	// Asymmetric: codes 0 … 2^b − 1 span [min(lo, 0), max(hi, 0)], with 0 exactly on the grid.
	const qmax = 2 ** bits - 1;
	const a = Math.min(lo, 0);
	const b = Math.max(hi, 0);
	const scale = b > a ? (b - a) / qmax : 1;
	return { scale, zero: Math.min(qmax, Math.max(0, Math.floor(-a / scale + 0.5))), qmin: 0, qmax };
}

export const code = (x: number, g: Grid): number => Math.min(g.qmax, Math.max(g.qmin, Math.floor(x / g.scale + 0.5) + g.zero));
export const dequantize = (q: number, g: Grid): number => g.scale * (q - g.zero);
export const fakeQuant = (x: number, g: Grid): number => dequantize(code(x, g), g);

/** The values a grid can represent, smallest first. */
export function levels(g: Grid): number[] {
	return Array.from({ length: g.qmax - g.qmin + 1 }, (_, i) => dequantize(g.qmin + i, g));
}

export interface Quantized {
	/** One grid per tensor, or one per column. */
	grids: Grid[];
	/** s·(q − z), same layout as the input. */
	values: Float64Array;
	mse: number;
	/** 10·log₁₀(Σx² / Σ(x − x̂)²), in dB. */
	sqnr: number;
	/** Storage per weight: b bits plus each grid's fp32 scale and b-bit zero point (asym) shared by its weights. */
	bitsPerWeight: number;
}

/** Quantizes a row-major [rows, cols] matrix. */
export function quantizeMatrix(x: ArrayLike<number>, rows: number, cols: number, bits: number, scheme: Scheme, gran: Granularity): Quantized {
	const n = rows * cols;
	const grids: Grid[] = [];
	if (gran === 'tensor') {
		let lo = Infinity;
		let hi = -Infinity;
		for (let i = 0; i < n; i++) {
			lo = Math.min(lo, x[i]);
			hi = Math.max(hi, x[i]);
		}
		grids.push(gridFor(lo, hi, bits, scheme));
	} else {
		for (let c = 0; c < cols; c++) {
			let lo = Infinity;
			let hi = -Infinity;
			for (let r = 0; r < rows; r++) {
				lo = Math.min(lo, x[r * cols + c]);
				hi = Math.max(hi, x[r * cols + c]);
			}
			grids.push(gridFor(lo, hi, bits, scheme));
		}
	}
	const values = new Float64Array(n);
	let err = 0;
	let power = 0;
	for (let i = 0; i < n; i++) {
		const g = grids.length === 1 ? grids[0] : grids[i % cols];
		values[i] = fakeQuant(x[i], g);
		err += (x[i] - values[i]) ** 2;
		power += x[i] ** 2;
	}
	const perGrid = n / grids.length;
	const zeroBits = scheme === 'asym' ? bits : 0;
	return {
		grids,
		values,
		mse: err / n,
		sqnr: err > 0 ? 10 * Math.log10(power / err) : Infinity,
		bitsPerWeight: bits + (32 + zeroBits) / perGrid
	};
}

/** The integer codes and, per column, the scale and zero point (as numbers; dequant.ts's `typedCodes` makes them int8 or int4 for DequantizeLinear). */
export function codesOf(x: ArrayLike<number>, rows: number, cols: number, grids: readonly Grid[]) {
	const codes = new Float32Array(rows * cols);
	for (let i = 0; i < rows * cols; i++) codes[i] = code(x[i], grids.length === 1 ? grids[0] : grids[i % cols]);
	const perColumn = (f: (g: Grid) => number) => Float32Array.from({ length: cols }, (_, c) => f(grids.length === 1 ? grids[0] : grids[c]));
	return { codes, scales: perColumn((g) => g.scale), zeros: perColumn((g) => g.zero) };
}
