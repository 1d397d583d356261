/**
 * Integer codes as the runtime takes them, and figure 1's graph. A matrix rounded to b bits is
 * fed as int4 codes (b ≤ 4, packed two a byte) or int8 codes (b ≥ 5), with a float32 scale and a
 * zero point of the codes' type per output channel (column), into DequantizeLinear(axis = 1).
 * The figure's MSE and SQNR are taken from that graph's output.
 */
import { GraphBuilder } from '$lib/onnx/graph';
import { int8Codes, packInt4, type Feed } from '$lib/onnx/feeds';
import type { Grid } from './quantizer';

export type CodeType = 'int8' | 'int4';
export const codeTypeFor = (bits: number): CodeType => (bits <= 4 ? 'int4' : 'int8');

/** Graphs with DequantizeLinear on int4 import opset 21 (the first with int4). */
export const QUANT_OPSET = 21;

export const DEQUANT_INPUTS = { codes: 'codes', scales: 'scales', zeros: 'zeros' } as const;
export const DEQUANT_OUTPUT = 'dequantized';

/**
 * One matrix's codes and per-column zero points as signed b-bit integers. Asymmetric codes run
 * 0 … 2^b − 1; they and their zero points move down by 2^{b−1} together, so q − z, and the
 * dequantized value, are unchanged (as uint8 ↔ int8 storage does). Symmetric codes are already
 * signed. `grids` share one b and scheme: one grid (per tensor) or one per column.
 */
export function typedCodes(codes: ArrayLike<number>, zeros: ArrayLike<number>, grids: readonly Grid[], bits: number, dims: readonly [number, number]): { codes: Feed; zeros: Feed } {
	const shift = Math.ceil((grids[0].qmin + grids[0].qmax) / 2); // 0 (sym) or 2^{b−1} (asym)
	const moved = (values: ArrayLike<number>) => Array.from(values, (v) => v - shift);
	const type = codeTypeFor(bits);
	const encode = (values: number[], shape: readonly number[]): Feed =>
		type === 'int4' ? { data: packInt4(values), dims: shape, type } : { data: int8Codes(values), dims: shape, type };
	return { codes: encode(moved(codes), dims), zeros: encode(moved(zeros), [dims[1]]) };
}

/** Figure 1's graph for one [rows, cols] matrix of `type` codes: DequantizeLinear along the columns. */
export function buildDequantGraph(rows: number, cols: number, type: CodeType): Uint8Array {
	const g = new GraphBuilder(`quantization_dequant_${type}`, { opset: QUANT_OPSET });
	const q = g.input(DEQUANT_INPUTS.codes, [rows, cols], type);
	const s = g.input(DEQUANT_INPUTS.scales, [cols]);
	const z = g.input(DEQUANT_INPUTS.zeros, [cols], type);
	g.output(g.dequantizeLinear(q, s, z, 1), DEQUANT_OUTPUT);
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
