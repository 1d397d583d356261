/**
 * DequantizeLinear from int8 and packed int4 codes: the builder's checks, the packing, and the
 * runtime's output (onnxruntime-web, WASM in Node) against s·(q − z) computed here.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '$lib/onnx/graph';
import { int8Codes, packInt4 } from '$lib/onnx/feeds';
import { runModel } from '../support/ort';

/** Codes spread over a range, with a fixed pattern (no RNG: the test reads plainly). */
const codes = (n: number, lo: number, hi: number) => Array.from({ length: n }, (_, i) => lo + ((i * 7 + 3) % (hi - lo + 1)));

function dequantGraph(dtype: 'int8' | 'int4', rows: number, cols: number, perTensor = false) {
	const g = new GraphBuilder('dq', { opset: 21 });
	const params = perTensor ? [] : [cols];
	const x = g.dequantizeLinear(g.input('q', [rows, cols], dtype), g.input('s', params), g.input('z', params, dtype), 1);
	g.output(x, 'x');
	return g.toBytes();
}

/** float32 s·(q − z): q − z is an exact integer, so one rounding, as the runtime does it. */
const reference = (q: number[], s: Float32Array, z: number[], cols: number) => q.map((v, i) => Math.fround((v - z[i % cols]) * s[i % cols]));

describe('DequantizeLinear', () => {
	it('int8 codes, one scale and zero point per column (axis 1): exactly s·(q − z)', async () => {
		const [rows, cols] = [6, 4];
		const q = codes(rows * cols, -128, 127);
		const s = Float32Array.of(0.013, 0.5, 1e-3, 2.75);
		const z = [0, -7, 100, -128];
		const out = await runModel(dequantGraph('int8', rows, cols), {
			q: { data: int8Codes(q), dims: [rows, cols], type: 'int8' },
			s: { data: s, dims: [cols] },
			z: { data: int8Codes(z), dims: [cols], type: 'int8' }
		});
		expect(out.x.dims).toEqual([rows, cols]);
		expect(Array.from(out.x.data)).toEqual(reference(q, s, z, cols));
	});

	it('int4 codes packed two a byte, an odd count (the last byte half used): exactly s·(q − z)', async () => {
		const [rows, cols] = [3, 5];
		const q = codes(rows * cols, -8, 7);
		const s = Float32Array.of(0.25, 0.1, 3, 0.007, 1);
		const z = [0, -8, 7, 3, -1];
		const out = await runModel(dequantGraph('int4', rows, cols), {
			q: { data: packInt4(q), dims: [rows, cols], type: 'int4' },
			s: { data: s, dims: [cols] },
			z: { data: packInt4(z), dims: [cols], type: 'int4' }
		});
		expect(Array.from(out.x.data)).toEqual(reference(q, s, z, cols));
	});

	it('int4, one scale for the tensor', async () => {
		const q = codes(8, -8, 7);
		const out = await runModel(dequantGraph('int4', 2, 4, true), {
			q: { data: packInt4(q), dims: [2, 4], type: 'int4' },
			s: { data: Float32Array.of(0.5), dims: [] },
			z: { data: packInt4([-3]), dims: [], type: 'int4' }
		});
		expect(Array.from(out.x.data)).toEqual(q.map((v) => (v + 3) * 0.5));
	});

	it('packs the first code of each pair in the low nibble, two’s complement', () => {
		expect(Array.from(packInt4([1, 2, -1, -8, 7]))).toEqual([0x21, 0x8f, 0x07]);
		expect(() => packInt4([8])).toThrow(/−8…7/);
		expect(() => packInt4([0.5])).toThrow(/not an integer/);
		expect(() => int8Codes([-129])).toThrow(/−128…127/);
	});

	it('refuses what the runtime would refuse later, naming it', () => {
		const g = new GraphBuilder('dq', { opset: 21 });
		const q = g.input('q', [4, 3], 'int8');
		expect(() => g.dequantizeLinear(q, g.input('s', [4]), g.input('z', [4], 'int8'), 1)).toThrow(/\[3\] \(one per slice along axis 1\)/);
		expect(() => g.dequantizeLinear(q, g.input('s2', [3]), g.input('z2', [3], 'int4'), 1)).toThrow(/z2 is int4, expected int8/);
		expect(() => g.dequantizeLinear(g.input('f', [4, 3]), g.input('s3', [3]), g.input('z3', [3]), 1)).toThrow(/f is float32, expected int8 or int4/);
		const old = new GraphBuilder('dq17');
		expect(() => old.dequantizeLinear(old.input('q', [2], 'int4'), old.input('s', []), old.input('z', [], 'int4'))).toThrow(/needs opset 21/);
	});
});
