/**
 * The one ONNX graph figure 1 runs on the page's backend: x̂ = s·(q − z), the integer codes
 * (as float32) with a scale and zero point per column, what DequantizeLinear(axis = 1) computes.
 * The figure's MSE and SQNR are taken from its output.
 */
import { GraphBuilder } from '$lib/onnx/graph';

export const DEQUANT_INPUTS = { codes: 'codes', scales: 'scales', zeros: 'zeros' } as const;
export const DEQUANT_OUTPUT = 'dequantized';

export function buildDequantGraph(): Uint8Array {
	const g = new GraphBuilder('quantization_dequant');
	const q = g.input(DEQUANT_INPUTS.codes, ['rows', 'cols']);
	const s = g.input(DEQUANT_INPUTS.scales, ['cols']);
	const z = g.input(DEQUANT_INPUTS.zeros, ['cols']);
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
