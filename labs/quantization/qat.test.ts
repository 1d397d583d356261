/**
 * PTQ vs QAT (the spec's figure 4), the models: the straight-through quantizer's forward values
 * against the TypeScript quantizer, its backward pass against the estimator's definition, and the spec's facts, with the same training jobs the page
 * runs (onnxruntime-web's WASM backend, in Node): W4A4 on the copy model, PTQ about 85%, 300 QAT
 * steps at least 97%, 300 float fine-tuning steps then PTQ no recovery.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import '../../tests/support/ort';
import { VOCAB } from '$labs/attention-heatmaps/tasks';
import { tokenAccuracy } from '$labs/attention-heatmaps/training';
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder } from '$lib/onnx/graph';
import { driveJob } from '$lib/recorded/drive';
import { createSession } from '../../tests/support/ort';
import { actGrids, heldOut, linearInputs, scorer } from './accuracy';
import { qatJob, steActivation, steWeight, type QatMode, type QatSettings } from './qat';
import { fakeQuant, gridFor, quantizeMatrix } from './quantizer';
import { readWeights } from './weights';

const weights = readWeights(new Uint8Array(readFileSync(new URL('../../static/models/attention-copy.onnx', import.meta.url))));

describe('the straight-through quantizer, forward', () => {
	it('steWeight rounds a matrix as the TypeScript quantizer does (4 bits, per tensor and per column)', async () => {
		const w = weights.get('l0.mlp1.w')!;
		const [rows, cols] = w.shape;
		for (const gran of ['tensor', 'channel'] as const) {
			const g = new GraphBuilder('ste_weight');
			g.output(steWeight(g, g.input('w', [rows, cols]), 4, gran), 'q');
			const out = await (await createSession(g.toBytes())).run({ w: new ort.Tensor('float32', w.data, [rows, cols]) });
			const q = out.q.data as Float32Array;
			const expected = quantizeMatrix(w.data, rows, cols, 4, 'sym', gran).values;
			let worst = 0;
			for (let i = 0; i < q.length; i++) worst = Math.max(worst, Math.abs(q[i] - expected[i]));
			expect(worst, gran).toBeLessThan(1e-6);
		}
	});

	it('steActivation clips to the grid and rounds as fakeQuant does', async () => {
		const grid = gridFor(-0.7, 2.1, 4, 'asym');
		const x = Float32Array.from({ length: 101 }, (_, i) => -1.5 + (4.5 * i) / 100);
		const g = new GraphBuilder('ste_act');
		g.output(steActivation(g, g.input('x', [x.length]), grid), 'q');
		const out = await (await createSession(g.toBytes())).run({ x: new ort.Tensor('float32', x, [x.length]) });
		const q = out.q.data as Float32Array;
		for (let i = 0; i < x.length; i++) expect(q[i], `x = ${x[i]}`).toBeCloseTo(fakeQuant(x[i], grid), 5);
	});
});

describe('the straight-through quantizer, backward (the graph autodiff builds)', () => {
	/** ∂L/∂x for L = Σ u ⊙ f(x), with u a fixed upstream gradient. */
	async function backward(f: (g: GraphBuilder, x: ReturnType<GraphBuilder['input']>) => ReturnType<GraphBuilder['input']>, x: Float32Array, u: Float32Array) {
		const g = new GraphBuilder('ste_backward');
		const xin = g.input('x', [x.length]);
		const loss = g.reduceSum(g.mul(f(g, xin), g.input('u', [u.length])), undefined, false);
		const [dx] = gradients(g, loss, [xin]);
		g.output(dx, 'dx');
		const out = await (await createSession(g.toBytes())).run({ x: new ort.Tensor('float32', x, [x.length]), u: new ort.Tensor('float32', u, [u.length]) });
		return out.dx.data as Float32Array;
	}
	const upstream = (n: number) => Float32Array.from({ length: n }, (_, i) => 0.5 + Math.sin(i));

	it('activations: ∂x̂/∂x = 1 inside the grid’s range and 0 outside it (clipped), whatever the rounding did', async () => {
		const grid = gridFor(-0.7, 2.1, 4, 'asym');
		const [lo, hi] = [(grid.qmin - grid.zero) * grid.scale, (grid.qmax - grid.zero) * grid.scale];
		// Off the range's two ends by a hundredth of a step at least: the kink itself has no one slope.
		const x = Float32Array.from({ length: 97 }, (_, i) => -1.5 + (4.5 * i) / 96).filter((v) => Math.min(Math.abs(v - lo), Math.abs(v - hi)) > grid.scale / 100);
		const u = upstream(x.length);
		const dx = await backward((g, t) => steActivation(g, t, grid), x, u);
		let inside = 0;
		let outside = 0;
		for (let i = 0; i < x.length; i++) {
			const clipped = x[i] < lo || x[i] > hi;
			expect(dx[i], `x = ${x[i]}`).toBeCloseTo(clipped ? 0 : u[i], 6);
			if (clipped) outside++;
			else inside++;
		}
		expect(inside).toBeGreaterThan(20);
		expect(outside).toBeGreaterThan(20);
	});

	it('weights: ∂ŵ/∂w = 1 everywhere (the scale is a constant of the step)', async () => {
		const w = weights.get('l0.mlp1.w')!.data.slice(0, 64);
		const u = upstream(w.length);
		for (const gran of ['tensor', 'channel'] as const) {
			const dw = await backward((g, t) => g.reshape(steWeight(g, g.reshape(t, [8, 8]), 4, gran), [64]), w, u);
			for (let i = 0; i < w.length; i++) expect(dw[i], `${gran} ${i}`).toBeCloseTo(u[i], 6);
		}
	});
});

const SETTINGS: QatSettings = { task: 'copy', wbits: 4, gran: 'tensor', emb: true, steps: 300, seed: 1 };

/** Held-out token accuracy at each probe of one run. */
async function run(mode: QatMode, acts: Parameters<typeof qatJob>[3]) {
	const inputs = heldOut(SETTINGS.task);
	const driven = await driveJob(ort, qatJob(mode, SETTINGS, weights, acts));
	expect(driven.status, driven.message ?? '').toBe('done');
	return driven.probes.map((p) => ({ step: p.step, accuracy: tokenAccuracy(SETTINGS.task, inputs, p.values, VOCAB) }));
}

describe('facts: W4A4 on the copy model, PTQ vs QAT', () => {
	// Two runs of 300 steps of the transformer (batch 64) with 13 probes each: about a minute of CPU.
	it('PTQ ≈ 85%; 300 QAT steps ≥ 97%; 300 float steps then PTQ do not recover', { timeout: 600_000 }, async () => {
		const acts = actGrids(await linearInputs('copy', weights, 'wasm'), { bits: 4, scheme: 'sym', calib: 'minmax', pct: 99.9 });
		// Figure 2's PTQ number for the same setting, through its own graph.
		const { score, tokens } = await scorer('copy', weights, 'wasm');
		const ptq = (await score({ bits: 4, scheme: 'sym', gran: 'tensor', emb: true }, acts)) / tokens;
		expect(ptq).toBeGreaterThan(0.8);
		expect(ptq).toBeLessThan(0.9);

		const qat = await run('qat', acts);
		// Step 0 is PTQ of the shipped weights, through the training run's own probe graph.
		expect(Math.abs(qat[0].accuracy - ptq)).toBeLessThan(0.01);
		expect(qat.at(-1)!.step).toBe(300);
		expect(qat.at(-1)!.accuracy).toBeGreaterThanOrEqual(0.97);

		const float = await run('float', acts);
		expect(Math.abs(float[0].accuracy - ptq)).toBeLessThan(0.01);
		// Fine-tuning in float does not teach the weights to survive the rounding.
		expect(float.at(-1)!.accuracy).toBeLessThan(ptq + 0.05);
		expect(float.at(-1)!.accuracy).toBeLessThan(qat.at(-1)!.accuracy - 0.08);
	});
});
