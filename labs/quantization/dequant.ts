/**
 * The one ONNX graph figure 1 runs on the page's backend: x̂ = s·(q − z), the integer codes
 * (as float32) with each weight's scale and zero point (its column's), what DequantizeLinear(axis = 1) computes.
 * The figure's MSE and SQNR are taken from its output.
 */
import { GraphBuilder } from '$lib/onnx/graph';

export const DEQUANT_INPUTS = { codes: 'codes', scales: 'scales', zeros: 'zeros' } as const;
export const DEQUANT_OUTPUT = 'dequantized';

/** A graph for `n` weights, flattened: every input has the fixed shape [n] (no symbolic dims, no broadcast). */
export function buildDequantGraph(n: number): Uint8Array {
	const g = new GraphBuilder('quantization_dequant');
	const q = g.input(DEQUANT_INPUTS.codes, [n]);
	const s = g.input(DEQUANT_INPUTS.scales, [n]);
	const z = g.input(DEQUANT_INPUTS.zeros, [n]);
	g.output(g.mul(g.sub(q, z), s), DEQUANT_OUTPUT);
	return g.toBytes();
}

/** MSE and SQNR (dB) of x̂ against x. */
export function errorOf(x: ArrayLike<number>, xHat: ArrayLike<number>): { mse: number; sqnr: number } {
	let err = 0;
	let power = 0;
	for (let i = 0; i < x.length; i++) {
		err += (x[i] - xHat[i]) ** 2;
		power += x[i] ** 2;
	}
	return { mse: err / x.length, sqnr: err > 0 ? 10 * Math.log10(power / err) : Infinity };
}

/** A per-column vector repeated for every row of a row-major [rows, cols] matrix. */
export function perWeight(columns: Float32Array, rows: number): Float32Array {
	const cols = columns.length;
	const out = new Float32Array(rows * cols);
	for (let i = 0; i < out.length; i++) out[i] = columns[i % cols];
	return out;
}
