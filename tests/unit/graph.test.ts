/** The graph builder: shape inference, clear errors on bad shapes, and bytes ORT accepts. */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '$lib/onnx/graph';
import { broadcastShapes, reshapeShape } from '$lib/onnx/shape';
import { createRng } from '$lib/random';
import { runModel } from '../support/ort';

describe('shape inference', () => {
	it('infers MatMul, broadcasting and reductions', () => {
		const g = new GraphBuilder();
		const x = g.input('x', ['batch', 64]);
		const w = g.input('w', [64, 32]);
		const b = g.input('b', [32]);
		const z = g.add(g.matMul(x, w), b);
		expect(z.shape).toEqual(['batch', 32]);
		expect(g.reduceMean(z, [-1]).shape).toEqual(['batch', 1]);
		expect(g.reduceSum(z, [0], false).shape).toEqual([32]);
		expect(g.reduceSumSquare(z, undefined, false).shape).toEqual([]);
		expect(g.transpose(z).shape).toEqual([32, 'batch']);
		expect(g.unsqueeze(z, [0]).shape).toEqual([1, 'batch', 32]);
		expect(g.concat([g.unsqueeze(z, [0]), g.unsqueeze(z, [0])], 0).shape).toEqual([2, 'batch', 32]);
		expect(g.reshape(z, [0, 4, -1]).shape).toEqual(['batch', 4, 8]);
		expect(g.greater(z, 0).dtype).toBe('bool');
		expect(g.where(g.greater(z, 0), 1, 0.5).shape).toEqual(['batch', 32]);
		expect(g.cast(g.greater(z, 0), 'float32').dtype).toBe('float32');
		expect(g.matMul(g.input('v', [64]), w).shape).toEqual([32]);
	});

	it('follows numpy broadcasting', () => {
		expect(broadcastShapes([[5, 1, 3], [4, 1]], 'test')).toEqual([5, 4, 3]);
		expect(broadcastShapes([['batch', 1], [7]], 'test')).toEqual(['batch', 7]);
		expect(broadcastShapes([[], [2, 3]], 'test')).toEqual([2, 3]);
		expect(() => broadcastShapes([[3], [4]], 'Add')).toThrow(/do not broadcast/);
		expect(reshapeShape([6, 4], [-1])).toEqual([24]);
		expect(reshapeShape(['n', 4], [0, 2, -1])).toEqual(['n', 2, 2]);
		expect(reshapeShape(['n', 4], [-1, 2])).toEqual(['2*n', 2]);
		expect(() => reshapeShape(['n', 'm'], [-1])).toThrow(/symbolic/);
		// A scaled symbol splits back into its factor and the symbol, and merges again.
		expect(reshapeShape(['b', '8*h'], [0, -1, 8])).toEqual(['b', 'h', 8]);
		expect(reshapeShape(['b', 'h', 8], [0, -1])).toEqual(['b', '8*h']);
		expect(() => reshapeShape(['b', '8*h'], [0, -1, 3])).toThrow(/symbolic/);
	});

	it('throws clear errors on mismatches', () => {
		const g = new GraphBuilder();
		const a = g.input('a', [8, 64]);
		const b = g.input('b', [32, 10]);
		expect(() => g.matMul(a, b)).toThrow(/MatMul: inner dims differ.*64 vs 32/);
		expect(() => g.add(a, g.input('c', [8, 3]))).toThrow(/do not broadcast.*64 vs 3/);
		expect(() => g.add(g.input('s', ['batch', 4]), g.input('t', ['time', 4]))).toThrow(/broadcast/);
		expect(() => g.concat([a, b], 0)).toThrow(/Concat/);
		expect(() => g.transpose(a, [0, 0])).toThrow(/perm/);
		expect(() => g.reshape(a, [5, -1])).toThrow(/divide/);
		expect(() => g.reduceMean(a, [2])).toThrow(/axis 2 is out of range/);
		expect(() => g.where(a, a, a)).toThrow(/bool/);
		expect(() => g.input('a', [1])).toThrow(/already used/);
		expect(() => g.constant([1, 2, 3], [2, 2])).toThrow(/do not fill/);
	});
});

describe('encoding', () => {
	it('produces a model ORT loads and runs with the expected numbers', async () => {
		const g = new GraphBuilder('encode_test');
		const x = g.input('x', ['batch', 3]);
		const w = g.initializer('w', [1, 2, 3, 4, 5, 6], [3, 2]);
		const z = g.matMul(x, w); // [batch, 2]
		const centered = g.sub(z, g.reduceMean(z, [-1]));
		g.output(z, 'z');
		g.output(g.reduceSum(g.mul(z, z), [1], false), 'sumsq');
		g.output(g.reduceSumSquare(z, [1], false), 'sumsq2');
		g.output(centered, 'centered');
		g.output(g.pow(g.sqrt(g.exp(g.log(g.add(g.mul(z, z), 1)))), 2), 'roundtrip'); // = z² + 1
		g.output(g.where(g.greater(z, 10), g.neg(z), g.erf(g.tanh(g.sigmoid(g.relu(z))))), 'mix');
		g.output(g.leakyRelu(g.neg(z), 0.1), 'leaky');
		g.output(g.reshape(g.transpose(z), [-1]), 'flatT');
		const x0 = new Float32Array([1, 0, -1, 0.5, 0.5, 0.5]);
		const out = await runModel(g.toBytes(), { x: { data: x0, dims: [2, 3] } });
		const z0 = [1 - 5, 2 - 6, 0.5 * 9, 0.5 * 12]; // x0 @ w
		expect(Array.from(out.z.data)).toEqual(z0);
		expect(out.z.dims).toEqual([2, 2]);
		expect(Array.from(out.sumsq.data)).toEqual([32, 20.25 + 36]);
		expect(Array.from(out.sumsq2.data)).toEqual([32, 20.25 + 36]);
		expect(Array.from(out.centered.data)).toEqual([0, 0, -0.75, 0.75]);
		out.roundtrip.data.forEach((v, i) => expect(v).toBeCloseTo(z0[i] ** 2 + 1, 3));
		out.leaky.data.forEach((v, i) => expect(v).toBeCloseTo(z0[i] < 0 ? -z0[i] : -0.1 * z0[i], 6));
		expect(Array.from(out.flatT.data)).toEqual([-4, 4.5, -4, 6]);
		expect(out.mix.data[0]).toBeCloseTo(0.486587, 5); // erf(tanh(sigmoid(relu(-4)))) = erf(tanh(0.5))
	});
});

describe('seeded random numbers', () => {
	it('is deterministic and roughly standard normal', () => {
		const a = createRng(7).fillNormal(new Float64Array(20000));
		const b = createRng(7).fillNormal(new Float64Array(20000));
		expect(a).toEqual(b);
		expect(createRng(8).normal()).not.toBe(a[0]);
		const mean = a.reduce((s, v) => s + v, 0) / a.length;
		const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
		expect(Math.abs(mean)).toBeLessThan(0.03);
		expect(Math.abs(variance - 1)).toBeLessThan(0.04);
		const u = createRng(1);
		for (let i = 0; i < 1000; i++) {
			const v = u.uniform();
			expect(v >= 0 && v < 1).toBe(true);
		}
	});
});
