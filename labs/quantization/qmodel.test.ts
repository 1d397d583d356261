/**
 * The quantized transformer graph on onnxruntime-web (WASM, in Node) against independent paths:
 * its in-graph dequantization (int4 and int8 codes into DequantizeLinear) against the attention
 * lab's inference graph fed the float64 quantizer's values, and its activation fake-quant against
 * the TypeScript quantizer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTransformerInference, maskValues, paramSpecs, SHAPE } from '$labs/attention-heatmaps/model';
import { MAX_LEN } from '$labs/attention-heatmaps/tasks';
import { encodeExamples } from '$labs/attention-heatmaps/training';
import { GraphBuilder } from '$lib/onnx/graph';
import { runModel } from '../../tests/support/ort';
import { graphCodes, heldOut, weightFeeds } from './accuracy';
import { buildQuantTransformer, fakeQuantInGraph } from './qmodel';
import { fakeQuant, gridFor, quantizeMatrix } from './quantizer';
import { readWeights } from './weights';

const weights = readWeights(new Uint8Array(readFileSync(new URL('../../static/models/attention-sort.onnx', import.meta.url))));

describe('quantized transformer graph', () => {
	it.each([
		[4, 'asym', 'channel', true],
		[3, 'sym', 'tensor', true],
		[8, 'asym', 'channel', true],
		[6, 'sym', 'tensor', true],
		[4, 'sym', 'channel', false]
	] as const)('W%s %s per %s, embeddings rounded: %s; logits from int codes through DequantizeLinear equal the float graph fed s·(q − z) from the float64 quantizer', async (bits, scheme, gran, emb) => {
		const inputs = heldOut('sort').slice(0, 24);
		const tokens = Float32Array.from(encodeExamples('sort', inputs).tokens, Number);
		const common = {
			tokens: { data: tokens, dims: [inputs.length, MAX_LEN] },
			positions: { data: Float32Array.from({ length: MAX_LEN }, (_, i) => i), dims: [MAX_LEN] },
			mask: { data: maskValues(MAX_LEN, true), dims: [MAX_LEN, MAX_LEN] }
		};
		const w = { bits, scheme, gran, emb };
		const codes = graphCodes(w);
		expect(codes?.type).toBe(bits <= 4 ? 'int4' : 'int8');
		const q = await runModel(buildQuantTransformer({ acts: false, probes: false, codes }), { ...common, ...weightFeeds(weights, w) });
		const reference: Record<string, { data: Float32Array; dims: number[] }> = {};
		for (const p of paramSpecs(SHAPE)) {
			const w = weights.get(p.name)!;
			const rounded = (emb ? /\.w$|_emb$/ : /\.w$/).test(p.name) ? Float32Array.from(quantizeMatrix(w.data, p.shape[0], p.shape[1], bits, scheme, gran).values) : w.data;
			reference[`param.${p.name}`] = { data: rounded, dims: [...p.shape] };
		}
		const ref = await runModel(buildTransformerInference(SHAPE), { ...common, ...reference, pos_scale: { data: Float32Array.of(1), dims: [1] } });
		const a = q.logits.data;
		const b = ref.logits.data;
		expect(a.length).toBe(b.length);
		let worst = 0;
		for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
		expect(worst).toBeLessThan(1e-4);
	});

	it.each([
		[4, 'sym'],
		[4, 'asym'],
		[8, 'asym']
	] as const)('activation fake-quant at %s bits, %s: equals the TypeScript quantizer, clipped tails included', async (bits, scheme) => {
		const n = 2000;
		const x = Float32Array.from({ length: n }, (_, i) => 3 * Math.sin(i * 12.9898) * Math.cos(i * 0.37) + 0.4);
		const grid = gridFor(-1.5, 2.2, bits, scheme); // narrower than x: both tails clip
		const g = new GraphBuilder('fq');
		g.output(fakeQuantInGraph(g, g.input('x', [n]), g.input('a', [3])), 'y');
		const out = await runModel(g.toBytes(), { x: { data: x, dims: [n] }, a: { data: Float32Array.of(grid.scale, grid.qmin - grid.zero, grid.qmax - grid.zero), dims: [3] } });
		for (let i = 0; i < n; i++) expect(out.y.data[i]).toBeCloseTo(fakeQuant(x[i], grid), 5);
	});
});
