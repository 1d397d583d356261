/**
 * Figure 4's dropout and augmentation: the dropout training graph's gradients against central
 * finite differences of the float64 reference with the same masks; the masks' mean (E[h̃] = h)
 * and the shifts counted out; the per-batch noise leaves the batch order alone.
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import '../../tests/support/ort';
import { BatchSampler } from '$lib/onnx/training/batches';
import { dropoutMask, shiftImage } from '$lib/onnx/training/batchNoise';
import { initialParams } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { createRng } from '$lib/random';
import { PIXELS, SIDE, glyphs } from './glyphs';
import { glyphDataset, glyphMlp, optimizerFor } from './mlp';
import { loss, type Params64 } from './reference';

const WIDTH = 5;
const ROWS = 6;
const P = 0.3;
const NAMES = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'] as const;

describe('the dropout training graph', () => {
	it('has the gradients of the float64 network with the same masks (finite differences)', async () => {
		const model = glyphMlp(WIDTH, ROWS, true);
		const params32 = initialParams(model, 5);
		for (const b of ['b1', 'b2', 'b3']) params32[b] = params32[b].map((_, i) => 0.05 * Math.cos(i + 1));
		const params64 = Object.fromEntries(NAMES.map((k) => [k, Float64Array.from(params32[k])])) as Params64;
		const data = glyphs(ROWS, 13);
		const x64 = Float64Array.from(data.images);
		const rng = createRng(17);
		const m1 = dropoutMask(rng, ROWS * WIDTH, P);
		const m2 = dropoutMask(rng, ROWS * WIDTH, P);
		// Some units dropped and some kept in each layer, or the test would not test the mask.
		for (const m of [m1, m2]) expect(new Set(m).size).toBe(2);

		const { bytes, io } = buildTrainStep(model, optimizerFor(1e-3));
		const feeds: Record<string, ort.Tensor> = {
			'batch.x': new ort.Tensor('float32', data.images, [ROWS, PIXELS]),
			'batch.mask1': new ort.Tensor('float32', m1, [ROWS, WIDTH]),
			'batch.mask2': new ort.Tensor('float32', m2, [ROWS, WIDTH]),
			'batch.label': new ort.Tensor('int64', BigInt64Array.from(data.labels, (c) => BigInt(c)), [ROWS])
		};
		for (const p of io.params) feeds[p.input] = new ort.Tensor('float32', params32[p.name], p.shape);
		for (const s of io.state) feeds[s.input] = new ort.Tensor('float32', new Float32Array(s.shape.reduce((a, b) => a * b, 1)), s.shape);
		for (const [name, value] of Object.entries(io.hyper)) feeds[name] = new ort.Tensor('float32', Float32Array.of(value), []);
		const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
		const out = await session.run(feeds);

		const masks = { m1, m2 };
		expect((out.loss.data as Float32Array)[0]).toBeCloseTo(loss(params64, x64, data.labels, masks), 5);
		const h = 1e-6;
		for (const name of NAMES) {
			// The first moment after one step from zero is (1 − β₁)·g.
			const m = out[`state.${name}.m.next`].data as Float32Array;
			const p = params64[name];
			const fd = new Float64Array(p.length);
			for (let i = 0; i < p.length; i++) {
				const keep = p[i];
				p[i] = keep + h;
				const up = loss(params64, x64, data.labels, masks);
				p[i] = keep - h;
				const down = loss(params64, x64, data.labels, masks);
				p[i] = keep;
				fd[i] = (up - down) / (2 * h);
			}
			const scale = Math.max(...fd.map(Math.abs));
			for (let i = 0; i < p.length; i++) expect(Math.abs(m[i] / 0.1 - fd[i]), `∂L/∂${name}[${i}]`).toBeLessThan(1e-4 * scale + 1e-7);
		}
	});
});

describe('the per-batch noise', () => {
	it('dropout masks are 0 or 1/(1 − p), with mean 1 within 4 standard errors: E[h̃] = h', () => {
		const count = 200_000;
		const mask = dropoutMask(createRng(3), count, P);
		const kept = mask.filter((v) => v !== 0);
		for (const v of kept) expect(v).toBeCloseTo(1 / (1 - P), 6);
		const mean = mask.reduce((a, b) => a + b, 0) / count;
		// Var of m/(1 − p) is p/(1 − p).
		expect(Math.abs(mean - 1)).toBeLessThan(4 * Math.sqrt(P / (1 - P) / count));
	});

	it('a shift moves every pixel by (dx, dy) and fills with zeros', () => {
		const image = Float32Array.from({ length: PIXELS }, (_, i) => i + 1);
		const moved = shiftImage(image, SIDE, 2, -1);
		for (let r = 0; r < SIDE; r++)
			for (let c = 0; c < SIDE; c++) {
				const [fr, fc] = [r + 1, c - 2];
				const want = fr < SIDE && fc >= 0 ? (fr * SIDE + fc + 1) : 0;
				expect(moved[r * SIDE + c]).toBe(want);
			}
	});

	it('augmentation and masks leave the batch order as it was', () => {
		const set = glyphs(64, 4);
		const plain = new BatchSampler({ dataset: glyphDataset(set), batchSize: 16, seed: 9 });
		const noisy = new BatchSampler({
			dataset: glyphDataset(set),
			batchSize: 16,
			seed: 9,
			noise: [
				{ kind: 'shift', name: 'x', side: SIDE, max: 2, seed: 1 },
				{ kind: 'dropoutMask', name: 'mask1', width: 8, p: P, seed: 2 }
			]
		});
		let shifted = 0;
		for (let step = 0; step < 8; step++) {
			const a = plain.next();
			const b = noisy.next();
			expect(b.label.data).toEqual(a.label.data);
			expect(b.mask1.dims).toEqual([16, 8]);
			if (b.x.data.some((v, i) => v !== a.x.data[i])) shifted++;
		}
		expect(shifted).toBe(8);
	});
});
