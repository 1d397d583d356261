/**
 * Figure 1's ONNX graphs on onnxruntime-web (WASM, in Node) against the float64 reference
 * (reference.ts): the fused AdamW training step's loss, gradients (read from its first moment)
 * and update, the reference's gradients against finite differences, and the evaluation probe.
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import '../../tests/support/ort';
import { initialParams } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { CLASSES, PIXELS, glyphs } from './glyphs';
import { evalProbe, glyphMlp, optimizerFor, parameterCount } from './mlp';
import { firstAdamWStep, forward, gradients, loss, type Params64 } from './reference';
import { BASE_WEIGHT_DECAY } from './settings';

const WIDTH = 5;
const ROWS = 6;
const LR = 1e-3;
const NAMES = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'] as const;

const model = glyphMlp(WIDTH, ROWS);
const params32 = initialParams(model, 3);
// Biases start at zero; small nonzero ones exercise their gradients too.
for (const b of ['b1', 'b2', 'b3']) params32[b] = params32[b].map((_, i) => 0.05 * Math.sin(i + 1));
const params64 = Object.fromEntries(NAMES.map((k) => [k, Float64Array.from(params32[k])])) as Params64;
const data = glyphs(ROWS, 11);
const x64 = Float64Array.from(data.images);

const session = (bytes: Uint8Array) => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });

describe('the float64 reference', () => {
	it('backpropagation agrees with central finite differences', () => {
		const grads = gradients(params64, x64, data.labels);
		const h = 1e-6;
		for (const name of NAMES) {
			const p = params64[name];
			for (const i of [0, Math.floor(p.length / 2), p.length - 1]) {
				const keep = p[i];
				p[i] = keep + h;
				const up = loss(params64, x64, data.labels);
				p[i] = keep - h;
				const down = loss(params64, x64, data.labels);
				p[i] = keep;
				expect(grads[name][i], `${name}[${i}]`).toBeCloseTo((up - down) / (2 * h), 6);
			}
		}
	});
});

describe('the fused AdamW training step', () => {
	it('returns the loss, the gradients and the AdamW update of the reference', async () => {
		const { bytes, io } = buildTrainStep(model, optimizerFor(LR));
		const feeds: Record<string, ort.Tensor> = {
			'batch.x': new ort.Tensor('float32', data.images, [ROWS, PIXELS]),
			'batch.label': new ort.Tensor('int64', BigInt64Array.from(data.labels, (c) => BigInt(c)), [ROWS])
		};
		for (const p of io.params) feeds[p.input] = new ort.Tensor('float32', params32[p.name], p.shape);
		for (const s of io.state) feeds[s.input] = new ort.Tensor('float32', new Float32Array(s.shape.reduce((a, b) => a * b, 1)), s.shape);
		for (const [name, value] of Object.entries(io.hyper)) feeds[name] = new ort.Tensor('float32', Float32Array.of(value), []);
		const out = await (await session(bytes)).run(feeds);

		expect((out.loss.data as Float32Array)[0]).toBeCloseTo(loss(params64, x64, data.labels), 5);
		const grads = gradients(params64, x64, data.labels);
		for (const name of NAMES) {
			// The first moment after one step from zero is (1 − β₁)·g.
			const m = out[`state.${name}.m.next`].data as Float32Array;
			const want = grads[name];
			const scale = Math.max(...want.map(Math.abs));
			for (let i = 0; i < want.length; i++) expect(Math.abs(m[i] / 0.1 - want[i]), `∂L/∂${name}[${i}]`).toBeLessThan(1e-4 * scale + 1e-7);
			const next = out[`param.${name}.next`].data as Float32Array;
			const decay = name.startsWith('w') ? BASE_WEIGHT_DECAY : 0;
			const stepped = firstAdamWStep(params64[name], want, LR, decay);
			// Where |g| is near ε the sign-like step is ill-conditioned in float32: skip those.
			for (let i = 0; i < want.length; i++) if (Math.abs(want[i]) > 1e-5) expect(next[i], `${name}[${i}] after one step`).toBeCloseTo(stepped[i], 6);
		}
	});
});

describe('the evaluation probe', () => {
	it('gives the log-softmax of the reference network on every row', async () => {
		const probe = evalProbe(model, data.images, [0]);
		const feeds: Record<string, ort.Tensor> = { x: new ort.Tensor('float32', data.images, [ROWS, PIXELS]) };
		for (const p of model.params) feeds[`param.${p.name}`] = new ort.Tensor('float32', params32[p.name], p.shape);
		const out = (await (await session(probe.bytes)).run(feeds)).probe.data as Float32Array;
		const want = forward(params64, x64, ROWS).logProbs;
		expect(out).toHaveLength(ROWS * CLASSES);
		for (let i = 0; i < want.length; i++) expect(out[i]).toBeCloseTo(want[i], 5);
	});

	it('counts the parameters of 144 → w → w → 4', () => {
		const counted = model.params.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
		expect(parameterCount(WIDTH)).toBe(counted);
		expect(parameterCount(256)).toBe(144 * 256 + 256 + 256 * 256 + 256 + 256 * 4 + 4);
	});
});
