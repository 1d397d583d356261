/**
 * autodiff's two options, run on onnxruntime-web (WASM) against gradients written out by hand:
 * `stop` (a detached tensor is a constant) and `reads` (backward rules read a replacement for a
 * saved tensor, as after an in-place overwrite); and the builder's `stopGradient`, which marks a
 * constant in the graph itself.
 */
import { describe, expect, it } from 'vitest';
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder } from '$lib/onnx/graph';
import { runModel } from '../support/ort';

const x = Float32Array.from([0.3, -1.2, 2]);

describe('autodiff options', () => {
	it('stop: L = Σ detach(x)·x has ∂L/∂x = x, not 2x', async () => {
		const g = new GraphBuilder('stop');
		const X = g.input('x', [3]);
		const held = g.identity(X);
		const [dx] = gradients(g, g.reduceSum(g.mul(held, X), undefined, false), [X], { stop: [held] });
		g.output(dx, 'dx');
		const out = await runModel(g.toBytes(), { x: { data: x, dims: [3] } });
		Array.from(out.dx.data).forEach((v, i) => expect(v).toBeCloseTo(x[i], 6));
	});

	it('g.stopGradient: the straight-through estimator c + sg(floor(c) − c) passes floor’s value forward and a gradient of 1 back', async () => {
		const g = new GraphBuilder('ste');
		const X = g.input('x', [3]);
		const rounded = g.add(X, g.stopGradient(g.sub(g.floor(X), X)));
		const [dx] = gradients(g, g.reduceSum(g.mul(rounded, rounded), undefined, false), [X]);
		g.output(rounded, 'y');
		g.output(dx, 'dx');
		const out = await runModel(g.toBytes(), { x: { data: x, dims: [3] } });
		// Forward: floor(x). Backward: ∂(Σ y²)/∂x = 2y·1, as if the rounding were not there.
		Array.from(out.y.data).forEach((v, i) => expect(v).toBe(Math.floor(x[i])));
		Array.from(out.dx.data).forEach((v, i) => expect(v).toBeCloseTo(2 * Math.floor(x[i]), 6));
	});

	it('seed: backward starts from the tensor given (∂loss/∂loss = 3 scales every gradient by 3)', async () => {
		const g = new GraphBuilder('seed');
		const X = g.input('x', [3]);
		const loss = g.reduceSum(g.tanh(X), undefined, false);
		const [dx] = gradients(g, loss, [X], { seed: g.constant([3], []) });
		g.output(dx, 'dx');
		const out = await runModel(g.toBytes(), { x: { data: x, dims: [3] } });
		Array.from(out.dx.data).forEach((v, i) => expect(v).toBeCloseTo(3 * (1 - Math.tanh(x[i]) ** 2), 5));
		expect(() => gradients(g, loss, [X], { seed: g.constant([1, 1], [2]) })).toThrow(/the seed must have the loss's shape/);
	});
});
