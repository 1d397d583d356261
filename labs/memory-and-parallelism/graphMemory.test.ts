import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '$lib/onnx/graph';
import { analyzeTrainGraph, layerTerms, peakLiveBytes, perLayerSaved } from './graphMemory';

describe('what the training graph keeps for backward (figure 6)', () => {
	// Sizes chosen so no two of b, a, s, d_k, h, 4h are equal: a shape names its axes unambiguously.
	const m = { h: 48, heads: 3, batch: 2 };

	it('keeps exactly one a×s×s tensor per layer (Megatron keeps three: scores, dropout mask, dropped scores)', () => {
		const s = 10;
		const count = (layers: number) => analyzeTrainGraph({ ...m, layers, seq: s }).saved.filter((t) => t.shape.join() === [m.batch, m.heads, s, s].join()).length;
		expect(count(2) - count(1)).toBe(1);
		expect(count(3) - count(2)).toBe(1);
		expect(layerTerms(m, 10).s2Tensors).toBeCloseTo(1, 9);
	});

	it('keeps within 20% of the no-dropout formula’s (8 + 2·d_mlp/h)·sbh = 16·sbh elements per layer', () => {
		const { sbh } = layerTerms({ h: 32, heads: 4, batch: 8 }, 8);
		console.info(`measured: ${sbh.toFixed(2)}·sbh elements per layer (formula 16)`);
		expect(Math.abs(sbh - 16) / 16).toBeLessThan(0.2);
	});

	it('grows as α·s + β·s² and nothing else: the fit from s and 2s predicts 4s exactly', () => {
		const s = 8;
		const e = [s, 2 * s, 4 * s].map((seq) => perLayerSaved(m, seq));
		const beta = (e[1] - 2 * e[0]) / (2 * s * s);
		const alpha = (e[0] - beta * s * s) / s;
		expect(alpha * 4 * s + beta * 16 * s * s).toBe(e[2]);
	});

	it('the per-layer difference does not depend on which two depths are subtracted', () => {
		const saved = (layers: number) => analyzeTrainGraph({ ...m, layers, seq: 12 }).savedElements;
		expect(saved(4) - saved(3)).toBe(saved(2) - saved(1));
	});

	it('a peak of live tensors, by hand: x → y = 2x → z = y + y, x and y gone when z is made', () => {
		const g = new GraphBuilder('peak');
		const x = g.input('x', [10]);
		const a = g.relu(x); // 40 bytes, read by b only
		const b = g.mul(a, 2); // 40 bytes; a alive while b is made: 80
		const c = g.add(b, b); // b alive while c is made: 80; a is gone
		expect(peakLiveBytes(g.nodes)).toBe(80);
		// Holding `a` to the end: a, b, c all alive at c.
		expect(peakLiveBytes(g.nodes, [a])).toBe(120);
		expect(c.shape).toEqual([10]);
	});

	it('the real graph’s peak covers what backward keeps, and the node counts are the graph’s', () => {
		const graph = analyzeTrainGraph({ layers: 2, h: 32, heads: 4, seq: 16, batch: 8 });
		expect(graph.peakBytes).toBeGreaterThanOrEqual(4 * graph.savedElements);
		expect(graph.backwardNodes).toBeGreaterThan(graph.forwardNodes);
	});
});
