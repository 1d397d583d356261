/** Figure 1's DequantizeLinear graph on onnxruntime-web (WASM, in Node) against the float64 quantizer. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runModel } from '../../tests/support/ort';
import { buildDequantGraph, codeTypeFor, DEQUANT_INPUTS, DEQUANT_OUTPUT, errorOf, typedCodes } from './dequant';
import { codesOf, quantizeMatrix } from './quantizer';
import { readWeights } from './weights';

const w = readWeights(new Uint8Array(readFileSync(new URL('../../static/models/attention-copy.onnx', import.meta.url)))).get('l0.mlp1.w')!;

describe('dequantization graph', () => {
	it.each([
		[4, 'sym', 'tensor'],
		[4, 'asym', 'tensor'],
		[3, 'asym', 'channel'],
		[2, 'sym', 'channel'],
		[5, 'asym', 'channel'],
		[8, 'sym', 'channel'],
		[8, 'asym', 'channel']
	] as const)('b = %s, %s, per %s: s·(q − z) from typed codes equals the quantizer’s values', async (bits, scheme, gran) => {
		const [rows, cols] = w.shape;
		const q = quantizeMatrix(w.data, rows, cols, bits, scheme, gran);
		const { codes, scales, zeros } = codesOf(w.data, rows, cols, q.grids);
		const typed = typedCodes(codes, zeros, q.grids, bits, [rows, cols]);
		expect(typed.codes.type).toBe(bits <= 4 ? 'int4' : 'int8');
		const out = await runModel(buildDequantGraph(rows, cols, codeTypeFor(bits)), {
			[DEQUANT_INPUTS.codes]: typed.codes,
			[DEQUANT_INPUTS.scales]: { data: scales, dims: [cols] },
			[DEQUANT_INPUTS.zeros]: typed.zeros
		});
		const xHat = out[DEQUANT_OUTPUT].data;
		for (let i = 0; i < xHat.length; i++) expect(Math.abs(xHat[i] - q.values[i])).toBeLessThan(1e-6);
		expect(errorOf(w.data, xHat).mse / q.mse).toBeCloseTo(1, 4);
	});

	it('asymmetric codes move down by 2^(b−1) with their zero points: they fill the signed range, q − z unchanged', () => {
		const [rows, cols] = w.shape;
		for (const bits of [4, 8]) {
			const q = quantizeMatrix(w.data, rows, cols, bits, 'asym', 'tensor');
			const { codes, zeros } = codesOf(w.data, rows, cols, q.grids);
			expect(Math.max(...codes)).toBe(2 ** bits - 1); // the largest weight takes the top code
			const typed = typedCodes(codes, zeros, q.grids, bits, [rows, cols]);
			const signed = bits === 8 ? Array.from(typed.codes.data as Int8Array) : unpackInt4(typed.codes.data as Uint8Array, codes.length);
			const zero = bits === 8 ? (typed.zeros.data as Int8Array)[0] : unpackInt4(typed.zeros.data as Uint8Array, 1)[0];
			expect(Math.max(...signed)).toBe(2 ** (bits - 1) - 1);
			expect(Math.min(...signed)).toBeGreaterThanOrEqual(-(2 ** (bits - 1)));
			for (let i = 0; i < codes.length; i += 97) expect(signed[i] - zero).toBe(codes[i] - zeros[0]);
		}
	});
});

/** Reads packed int4 codes back (low nibble first), written independently of packInt4. */
function unpackInt4(bytes: Uint8Array, n: number): number[] {
	return Array.from({ length: n }, (_, i) => {
		const nibble = i % 2 === 0 ? bytes[i >> 1] & 0x0f : bytes[i >> 1] >> 4;
		return nibble >= 8 ? nibble - 16 : nibble;
	});
}
