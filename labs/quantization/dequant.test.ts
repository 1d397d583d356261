/** The dequantization graph on onnxruntime-web (WASM, in Node) against the float64 quantizer. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runModel } from '../../tests/support/ort';
import { buildDequantGraph, DEQUANT_INPUTS, DEQUANT_OUTPUT, errorOf, perWeight } from './dequant';
import { codesOf, quantizeMatrix } from './quantizer';
import { readWeights } from './weights';

describe('dequantization graph', () => {
	it.each([
		[4, 'sym', 'tensor'],
		[3, 'asym', 'channel'],
		[8, 'sym', 'channel']
	] as const)('b = %s, %s, per %s: s·(q − z) equals the quantizer’s values', async (bits, scheme, gran) => {
		const w = readWeights(new Uint8Array(readFileSync(new URL('../../static/models/attention-copy.onnx', import.meta.url)))).get('l0.mlp1.w')!;
		const [rows, cols] = w.shape;
		const q = quantizeMatrix(w.data, rows, cols, bits, scheme, gran);
		const { codes, scales, zeros } = codesOf(w.data, rows, cols, q.grids);
		const out = await runModel(buildDequantGraph(rows * cols), {
			[DEQUANT_INPUTS.codes]: { data: codes, dims: [rows * cols] },
			[DEQUANT_INPUTS.scales]: { data: perWeight(scales, rows), dims: [rows * cols] },
			[DEQUANT_INPUTS.zeros]: { data: perWeight(zeros, rows), dims: [rows * cols] }
		});
		const xHat = out[DEQUANT_OUTPUT].data;
		for (let i = 0; i < xHat.length; i++) expect(xHat[i]).toBeCloseTo(q.values[i], 6);
		const e = errorOf(w.data, xHat);
		expect(e.mse / q.mse).toBeCloseTo(1, 4);
	});
});
