/**
 * Figure 2's facts, measured: the shipped transformers run on onnxruntime-web (WASM, in Node)
 * through the quantized graph, at the lab's defaults (symmetric grids, embeddings rounded too).
 * Every number here comes from running the model; the spec's values are the expectations.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { paramSpecs, SHAPE } from '$labs/attention-heatmaps/model';
import type { Task } from '$labs/attention-heatmaps/tasks';
import { accuracySweep, actGrids, linearInputs, scorer, type AccuracySweep } from './accuracy';
import { sweepRuns } from './accuracyRun';
import { BITS } from './weightFormats';
import { readWeights } from './weights';

const TASKS: Task[] = ['copy', 'reverse', 'sort'];
const weightsOf = (task: Task) => readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url))));
const sweeps = new Map<Task, AccuracySweep>();
/** What the live run was handed after each model run of copy's sweep. */
const partials: AccuracySweep[] = [];
const share = (r: AccuracySweep, count: number) => count / r.tokens;
const at = (b: number) => BITS.indexOf(b as (typeof BITS)[number]);

beforeAll(async () => {
	for (const task of TASKS) {
		const report = (partial: AccuracySweep) => (task === 'copy' && partials.push(partial), true);
		sweeps.set(task, await accuracySweep(task, weightsOf(task), { scheme: 'sym', emb: true, gran: 'tensor', act: null }, 'wasm', report));
	}
	const shares = Object.fromEntries([...sweeps].map(([t, r]) => [t, { float: share(r, r.float), fp16: share(r, r.half.fp16), bf16: share(r, r.half.bf16), tensor: r.tensor.map((c) => share(r, c)), channel: r.channel.map((c) => share(r, c)) }]));
	console.log(JSON.stringify(shares));
}, 180_000);

describe('accuracy vs bits, weights only (symmetric, embeddings rounded)', () => {
	it('INT8, fp16 and bf16 = float: the same count of right tokens', () => {
		for (const [task, r] of sweeps) {
			expect(r.tensor[at(8)], task).toBe(r.float);
			expect(r.channel[at(8)], task).toBe(r.float);
			expect(r.half, task).toEqual({ fp16: r.float, bf16: r.float });
		}
	});
	it('INT4 on copy: per tensor ≈ 93% (within 3 points), per channel ≈ 99.7% (within 1 point)', () => {
		const r = sweeps.get('copy')!;
		expect(Math.abs(share(r, r.tensor[at(4)]) - 0.93)).toBeLessThanOrEqual(0.03);
		expect(Math.abs(share(r, r.channel[at(4)]) - 0.997)).toBeLessThanOrEqual(0.01);
	});
	it('per channel ≥ per tensor for b ≤ 4', () => {
		for (const [task, r] of sweeps) for (const b of [2, 3, 4]) expect(r.channel[at(b)], `${task} b = ${b}`).toBeGreaterThanOrEqual(r.tensor[at(b)]);
	});
	it('INT2 < 45%, per tensor and per channel', () => {
		for (const [task, r] of sweeps) {
			expect(share(r, r.tensor[at(2)]), task).toBeLessThan(0.45);
			expect(share(r, r.channel[at(2)]), task).toBeLessThan(0.45);
		}
	});
	it('model bytes: 4 per float32 parameter; at INT4 per tensor half a byte per matrix weight, 4 per scale', () => {
		const r = sweeps.get('copy')!;
		const sizes = paramSpecs(SHAPE).map((p) => ({ n: p.shape.reduce((a, b) => a * b, 1), matrix: /\.w$|_emb$/.test(p.name) }));
		const all = sizes.reduce((t, p) => t + p.n, 0);
		const inMatrices = sizes.filter((p) => p.matrix).reduce((t, p) => t + p.n, 0);
		expect(r.bytes.float).toBe(4 * all);
		expect(r.bytes.tensor[at(4)]).toBe(inMatrices / 2 + 4 * sizes.filter((p) => p.matrix).length + 4 * (all - inMatrices));
		for (const i of BITS.keys()) expect(r.bytes.channel[i]).toBeGreaterThan(r.bytes.tensor[i]);
		expect(r.bytes.half).toBe(2 * inMatrices + 4 * (all - inMatrices));
		// The article: at 8 bits per channel the matrices take a quarter of their float32 bytes, and the
		// model as a whole (biases, norms and scales stay float32) under a third (0.310 on copy).
		const whole = r.bytes.channel[at(8)] / r.bytes.float;
		expect(whole).toBeGreaterThan(0.25);
		expect(whole).toBeLessThan(1 / 3);
	});
});

describe('the live sweep (figure 2 filled in as runs land)', () => {
	const prefix = (part: readonly number[], whole: readonly number[]) => expect(part).toEqual(whole.slice(0, part.length));
	it('reports once per model run, each report a prefix of the finished sweep', () => {
		const r = sweeps.get('copy')!;
		expect(partials).toHaveLength(sweepRuns({ act: null }));
		expect(partials.length).toBe(3 + r.tensor.length + r.channel.length);
		partials.forEach((p, i) => {
			expect(p.float, `report ${i}`).toBe(r.float);
			// fp16 and bf16 come second and third, then the integer grids from b = 2.
			expect(p.half, `report ${i}`).toEqual({ fp16: i >= 1 ? r.half.fp16 : NaN, bf16: i >= 2 ? r.half.bf16 : NaN });
			prefix(p.tensor, r.tensor);
			prefix(p.channel, r.channel);
			expect(p.tensor.length + p.channel.length, `report ${i}`).toBe(Math.max(0, i - 2));
		});
		expect(partials.at(-1)).toEqual(r);
	});
	it('stops after the run whose report returns false', async () => {
		let reports = 0;
		const r = await accuracySweep('reverse', weightsOf('reverse'), { scheme: 'sym', emb: true, gran: 'tensor', act: null }, 'wasm', () => ++reports < 5);
		const full = sweeps.get('reverse')!;
		expect(reports).toBe(5);
		expect([r.float, r.half, r.tensor, r.channel]).toEqual([full.float, full.half, full.tensor.slice(0, 1), full.channel.slice(0, 1)]);
	}, 60_000);
});

describe('W8A4 on copy: activation calibration', () => {
	it('least-MSE ranges keep at least as many tokens right as min-max', async () => {
		const w = weightsOf('copy');
		const { score, tokens } = await scorer('copy', w, 'wasm');
		const inputs = await linearInputs('copy', w, 'wasm');
		const weights = { bits: 8, scheme: 'sym', gran: 'tensor', emb: true } as const;
		const acc = async (calib: 'minmax' | 'mse' | 'pct') => (await score(weights, actGrids(inputs, { bits: 4, scheme: 'sym', calib, pct: 99.9 }))) / tokens;
		const [minmax, mse, pct] = [await acc('minmax'), await acc('mse'), await acc('pct')];
		console.log(JSON.stringify({ w8a4: { minmax, mse, pct } }));
		expect(mse).toBeGreaterThanOrEqual(minmax);
	}, 60_000);
});
