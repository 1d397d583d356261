/**
 * Each checkpoint's `solve` against an independent float64 reference written here (min-max
 * grids, floor(v + ½) rounding), and `isRight` on a right and a wrong answer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRight } from '$lib/practice/types';
import { schema, type QuantizationState } from './lab';
import { readWeights } from './weights';
import checkpoints, { bitRatio, channelWins, int8Points, int8Sqnr, outlierW8a8, pruneHalf, qatW4a4 } from './checkpoints';
import { prune } from './pruning';
import { rightTokens64, type Params64 } from './reference64';
import { buildTransformerInference, maskValues, paramSpecs, SHAPE } from '$labs/attention-heatmaps/model';
import { MAX_LEN, VOCAB } from '$labs/attention-heatmaps/tasks';
import { encodeExamples, tokenAccuracy } from '$labs/attention-heatmaps/training';
import { runModel } from '../../tests/support/ort';
import { heldOut } from './accuracy';
import { quantizeMatrix } from './quantizer';

const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as QuantizationState;
const weightsOf = (s: QuantizationState) => {
	const w = readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${s.task}.onnx`, import.meta.url))));
	return w.get(s.tensor)!;
};

/** Squared error of min-max rounding of one group of values, summed, and the group's power. */
function groupError(xs: number[], bits: number, scheme: 'sym' | 'asym'): { err: number; power: number } {
	const lo = Math.min(0, ...xs);
	const hi = Math.max(0, ...xs);
	let s: number, z: number, qmin: number, qmax: number;
	if (scheme === 'sym') {
		qmax = 2 ** (bits - 1) - 1;
		qmin = -qmax;
		s = Math.max(-lo, hi) / qmax;
		z = 0;
	} else {
		qmin = 0;
		qmax = 2 ** bits - 1;
		s = (hi - lo) / qmax;
		z = Math.min(qmax, Math.max(0, Math.floor(-lo / s + 0.5)));
	}
	let err = 0;
	let power = 0;
	for (const x of xs) {
		const q = Math.min(qmax, Math.max(qmin, Math.floor(x / s + 0.5) + z));
		err += (x - s * (q - z)) ** 2;
		power += x * x;
	}
	return { err, power };
}

function reference(s: QuantizationState, bits: number, gran: 'tensor' | 'channel') {
	const { shape, data } = weightsOf(s);
	const [rows, cols] = shape;
	const groups = gran === 'tensor' ? [Array.from(data)] : Array.from({ length: cols }, (_, c) => Array.from({ length: rows }, (_, r) => data[r * cols + c]));
	let err = 0;
	let power = 0;
	for (const g of groups) {
		const e = groupError(g, bits, s.scheme);
		err += e.err;
		power += e.power;
	}
	return { mse: err / data.length, sqnr: 10 * Math.log10(power / err) };
}

const stateFor = (settings: Partial<QuantizationState>): QuantizationState => ({ ...defaults, ...settings });

describe('quantization checkpoints', () => {
	it('has one code per card', () => {
		expect(checkpoints.map((c) => c.id)).toEqual(['bit-ratio', 'channel-wins', 'int8-sqnr', 'int8-points', 'outlier-w8a8', 'qat-w4a4', 'prune-half']);
	});

	// 300 steps of the transformer with 13 probes: about 7 s of CPU.
	it('qat-w4a4: the reveal is the live run’s accuracy, which is the build’s recording of the W4A4 scene (copy, seed 1)', { timeout: 300_000 }, async () => {
		const s = stateFor(qatW4a4.settings(() => 0));
		expect(s.task).toBe('copy');
		const solution = await qatW4a4.solve(s, 'wasm');
		const recorded = JSON.parse(readFileSync(new URL('./recorded/qat.json', import.meta.url), 'utf8')) as {
			runs: { settings: { abits: string; task: string; steps: number; seed: number }; tracks: { id: string; accuracy: [number, number][] }[] }[];
		};
		const scene = recorded.runs.find((r) => r.settings.abits === '4' && r.settings.task === 'copy' && r.settings.steps === 300 && r.settings.seed === s.seed)!;
		const final = scene.tracks.find((t) => t.id === 'qat')!.accuracy.at(-1)![1];
		if (solution.expected.kind !== 'number') throw new Error('a number was expected');
		// The recording keeps 4 significant digits.
		expect(solution.expected.value / 100).toBeCloseTo(final, 3);
		expect(solution.expected.value).toBeGreaterThanOrEqual(97);
		expect(isRight(qatW4a4.answer(s), { kind: 'number', value: solution.expected.value + 2 }, solution.expected)).toBe(true);
		expect(isRight(qatW4a4.answer(s), { kind: 'number', value: 86 }, solution.expected)).toBe(false);
	});

	it('bit-ratio: the MSE ratio between b and b + 1 bits', async () => {
		for (const seed of [0.1, 0.5, 0.93]) {
			const s = stateFor(bitRatio.settings(() => seed));
			const solution = await bitRatio.solve(s, 'wasm');
			const want = reference(s, Number(s.wbits), 'tensor').mse / reference(s, Number(s.wbits) + 1, 'tensor').mse;
			expect(solution.expected).toMatchObject({ kind: 'number' });
			expect((solution.expected as { value: number }).value).toBeCloseTo(want, 9);
			const kind = bitRatio.answer(s);
			expect(isRight(kind, { kind: 'number', value: want + 0.3 }, solution.expected)).toBe(true);
			expect(isRight(kind, { kind: 'number', value: 2 }, solution.expected)).toBe(false);
		}
	});

	it('channel-wins: per channel against per tensor at 4 bits', async () => {
		for (const seed of [0.05, 0.6]) {
			const s = stateFor(channelWins.settings(() => seed));
			const solution = await channelWins.solve(s, 'wasm');
			const ratio = reference(s, 4, 'tensor').mse / reference(s, 4, 'channel').mse;
			const id = ratio >= 1.5 ? 'much' : ratio > 1 ? 'little' : 'worse';
			expect(solution.expected).toEqual({ kind: 'choice', id });
			const kind = channelWins.answer(s);
			expect(isRight(kind, { kind: 'choice', id }, solution.expected)).toBe(true);
			expect(isRight(kind, { kind: 'choice', id: id === 'worse' ? 'much' : 'worse' }, solution.expected)).toBe(false);
		}
	});

	it('int8-sqnr: the SQNR of symmetric per-tensor INT8', async () => {
		const s = stateFor(int8Sqnr.settings(() => 0.3));
		const solution = await int8Sqnr.solve(s, 'wasm');
		const want = reference(s, 8, 'tensor').sqnr;
		expect((solution.expected as { value: number }).value).toBeCloseTo(want, 9);
		const kind = int8Sqnr.answer(s);
		expect(isRight(kind, { kind: 'number', value: want - 3 }, solution.expected)).toBe(true);
		expect(isRight(kind, { kind: 'number', value: 48 + 8 }, solution.expected)).toBe(false);
	});

	it('int8-points: points lost at INT8 per tensor, against the float inference graph fed float64-rounded weights', async () => {
		const s = stateFor(int8Points.settings(() => 0.7));
		expect(s.wbits).toBe('8');
		const solution = await int8Points.solve(s, 'wasm');
		const weights = readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${s.task}.onnx`, import.meta.url))));
		const inputs = heldOut(s.task);
		const common = {
			tokens: { data: Float32Array.from(encodeExamples(s.task, inputs).tokens, Number), dims: [inputs.length, MAX_LEN] },
			positions: { data: Float32Array.from({ length: MAX_LEN }, (_, i) => i), dims: [MAX_LEN] },
			mask: { data: maskValues(MAX_LEN, true), dims: [MAX_LEN, MAX_LEN] },
			pos_scale: { data: Float32Array.of(1), dims: [1] }
		};
		const accuracy = async (bits: number | null) => {
			const feeds: Record<string, { data: Float32Array; dims: number[] }> = {};
			for (const p of paramSpecs(SHAPE)) {
				const w = weights.get(p.name)!;
				const round = bits !== null && /\.w$|_emb$/.test(p.name);
				feeds[`param.${p.name}`] = { data: round ? Float32Array.from(quantizeMatrix(w.data, p.shape[0], p.shape[1], bits, s.scheme, 'tensor').values) : w.data, dims: [...p.shape] };
			}
			const out = await runModel(buildTransformerInference(SHAPE), { ...common, ...feeds });
			return tokenAccuracy(s.task, inputs, out.logits.data as Float32Array, VOCAB);
		};
		const want = 100 * ((await accuracy(null)) - (await accuracy(8)));
		expect((solution.expected as { value: number }).value).toBeCloseTo(want, 6);
		const kind = int8Points.answer(s);
		expect(isRight(kind, { kind: 'number', value: want + 0.5 }, solution.expected)).toBe(true);
		expect(isRight(kind, { kind: 'number', value: want + 10 }, solution.expected)).toBe(false);
	}, 60_000);

	it('outlier-w8a8: c = 100 on copy, W8A8 keeps under 70% (the spec fact), and "float is unchanged, so 100%" is wrong', async () => {
		const s = stateFor(outlierW8a8.settings(() => 0.1));
		expect([s.task, s.outlier, s.fix]).toEqual(['copy', 100, 'none']);
		const solution = await outlierW8a8.solve(s, 'wasm');
		const value = (solution.expected as { value: number }).value;
		expect(value).toBeLessThan(70);
		expect(solution.explanation).toMatch(/Float, the model still gets 100% right/);
		const kind = outlierW8a8.answer(s);
		expect(isRight(kind, { kind: 'number', value: value + 5 }, solution.expected)).toBe(true);
		expect(isRight(kind, { kind: 'number', value: 100 }, solution.expected)).toBe(false);
	}, 60_000);

	it('prune-half: on every task magnitude keeps more tokens (float64 reference) and the smaller MLPs run fewer FLOPs (counted from the zeroed neurons)', async () => {
		for (const r of [0.1, 0.5, 0.9]) {
			const s = stateFor(pruneHalf.settings(() => r));
			expect(s.sparsity).toBe(0.5);
			const all = readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${s.task}.onnx`, import.meta.url))));
			const right = (method: 'layer' | 'neurons') => {
				const p64: Params64 = new Map([...prune(all, method, s.sparsity)].map(([k, v]) => [k, { shape: v.shape, data: Float64Array.from(v.data) }]));
				return rightTokens64(s.task, p64, heldOut(s.task));
			};
			// Dense FLOPs: 2 per linear weight; each zeroed MLP neuron takes its column in and row out away.
			const linear = paramSpecs(SHAPE).filter((p) => /\.w$/.test(p.name));
			const dense = linear.reduce((n, p) => n + 2 * p.shape[0] * p.shape[1], 0);
			const pruned = prune(all, 'neurons', s.sparsity);
			let gone = 0;
			for (const l of ['l0', 'l1']) {
				const w1 = pruned.get(`${l}.mlp1.w`)!;
				const [d, m] = w1.shape;
				for (let i = 0; i < m; i++) if (Array.from({ length: d }, (_, k) => w1.data[k * m + i]).every((v) => v === 0)) gone++;
			}
			const [mag, neu] = [right('layer'), right('neurons')];
			const want = `${mag >= neu ? 'magnitude' : 'neurons'}-${dense <= dense - gone * 2 * 2 * SHAPE.dModel ? 'magnitude' : 'neurons'}`;
			expect(want, s.task).toBe('magnitude-neurons'); // the spec: unstructured keeps accuracy, only structured is faster
			const solution = await pruneHalf.solve(s, 'wasm');
			expect(solution.expected).toEqual({ kind: 'choice', id: want });
			const kind = pruneHalf.answer(s);
			expect(isRight(kind, { kind: 'choice', id: want }, solution.expected)).toBe(true);
			expect(isRight(kind, { kind: 'choice', id: 'magnitude-magnitude' }, solution.expected)).toBe(false);
		}
	}, 90_000);
});
