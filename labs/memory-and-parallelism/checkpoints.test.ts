/**
 * Each checkpoint's `solve` against the published formulas written out here, and `isRight` on a
 * right and a wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { isRight, type Answer } from '$lib/practice/types';
import { schema, type MemoryAndParallelismState } from './lab';
import checkpoints, { activationFactor, bubbleShare, mixedSaving, squareTensors, zero3PerGpu } from './checkpoints';
import { analyzeTrainGraph } from './graphMemory';

const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as MemoryAndParallelismState;
const asked = (c: (typeof checkpoints)[number], r = 0.5) => ({ ...defaults, ...c.settings(() => r) }) as MemoryAndParallelismState;
const psiOf = (s: MemoryAndParallelismState) => 12 * s.L * s.h ** 2 + 13 * s.L * s.h + (s.V + s.s) * s.h;

describe('memory-and-parallelism checkpoints', () => {
	it('fp32 → mixed saves 0% of the model states (4 + 4 + 8 vs 2 + 2 + 4 + 8 bytes)', async () => {
		const s = asked(mixedSaving);
		const sol = await mixedSaving.solve(s, 'wasm');
		const saved = 100 * (1 - (2 + 2 + 4 + 8) / (4 + 4 + 8));
		expect(sol.expected).toEqual({ kind: 'choice', id: String(saved) });
		expect(isRight(mixedSaving.answer(s), { kind: 'choice', id: '0' }, sol.expected)).toBe(true);
		expect(isRight(mixedSaving.answer(s), { kind: 'choice', id: '50' }, sol.expected)).toBe(false);
	});

	it.each([0, 0.5, 0.9])('GPT-3 layer, s → 2s: the factor is 2(34 + 10as/h)/(34 + 5as/h) (draw %s)', async (r) => {
		const s = asked(activationFactor, r);
		const q = (5 * s.a * s.s) / s.h;
		const want = (2 * (34 + 2 * q)) / (34 + q);
		const sol = await activationFactor.solve(s, 'wasm');
		expect((sol.expected as Extract<Answer, { kind: 'number' }>).value).toBeCloseTo(want, 10);
		expect(isRight(activationFactor.answer(s), { kind: 'number', value: want * 1.05 }, sol.expected)).toBe(true);
		expect(isRight(activationFactor.answer(s), { kind: 'number', value: 2 }, sol.expected)).toBe(false);
	});

	it('GPT-3 layer, 2048 → 4096: about 3.4×', async () => {
		const s = { ...asked(activationFactor), s: 2048 };
		const sol = await activationFactor.solve(s, 'wasm');
		const sbh = (n: number) => n * 12288 * (34 + (5 * 96 * n) / 12288);
		expect((sol.expected as Extract<Answer, { kind: 'number' }>).value).toBeCloseTo(sbh(4096) / sbh(2048), 10);
		expect(Math.round((sbh(4096) / sbh(2048)) * 10) / 10).toBe(3.4);
	});

	it.each([0, 0.3, 0.6, 0.99])('ZeRO-3 holds 16Ψ/N per GPU (draw %s)', async (r) => {
		const s = asked(zero3PerGpu, r);
		const want = (16 * psiOf(s)) / s.gpus / 1e9;
		const sol = await zero3PerGpu.solve(s, 'wasm');
		expect((sol.expected as Extract<Answer, { kind: 'number' }>).value).toBeCloseTo(want, 9);
		expect(isRight(zero3PerGpu.answer(s), { kind: 'number', value: want }, sol.expected)).toBe(true);
		expect(isRight(zero3PerGpu.answer(s), { kind: 'number', value: (16 * psiOf(s)) / 1e9 }, sol.expected)).toBe(false);
	});

	it.each([0, 0.9])('p 4, m 8: the simulated bubble is (p−1)/(m+p−1) = 27.3% but for the hand-overs (draw %s)', async (r) => {
		const s = asked(bubbleShare, r);
		expect([s.p, s.m, s.gpus, s.t]).toEqual([4, 8, 4, 1]);
		const formula = (100 * 3) / 11;
		expect(Math.round(formula * 10) / 10).toBe(27.3);
		const sol = await bubbleShare.solve(s, 'wasm');
		const got = (sol.expected as Extract<Answer, { kind: 'marker' }>).value;
		// Transfers only lengthen the step; one activation per hop over NVLink (b·s·h 16-bit values
		// at 300 GB/s) against a micro-batch's (6Ψ + 12Lsh)·b·s/(p·peak·eff) FLOPs costs under a point.
		expect(got).toBeLessThanOrEqual(formula + 1e-9);
		expect(got).toBeGreaterThan(formula - 1);
		expect(isRight(bubbleShare.answer(s), { kind: 'marker', value: formula }, sol.expected)).toBe(true);
		expect(isRight(bubbleShare.answer(s), { kind: 'marker', value: 50 }, sol.expected)).toBe(false);
	});

	it('GPipe and 1F1B idle for the same share of the step, within a tenth of a point (the hand-overs fall differently)', async () => {
		const [gpipe, oneF] = await Promise.all([0, 0.9].map((r) => bubbleShare.solve(asked(bubbleShare, r), 'wasm')));
		expect(asked(bubbleShare, 0).sched).not.toBe(asked(bubbleShare, 0.9).sched);
		const v = (x: typeof gpipe) => (x.expected as Extract<Answer, { kind: 'marker' }>).value;
		expect(Math.abs(v(gpipe) - v(oneF))).toBeLessThan(0.1);
	});

	it('s × s tensors per layer: the count of [b, a, s, s] tensors backward reads; Megatron’s three is wrong here', async () => {
		const s = asked(squareTensors);
		const sol = await squareTensors.solve(s, 'wasm');
		// Counted independently, by shape, on graphs one layer apart.
		const m = { h: Number(s.mh), heads: Number(s.ma), seq: 12, batch: 3 };
		const square = (layers: number) => analyzeTrainGraph({ ...m, layers }).saved.filter((t) => t.shape.join() === [3, m.heads, 12, 12].join()).length;
		expect(sol.expected).toEqual({ kind: 'number', value: square(2) - square(1) });
		expect(isRight(squareTensors.answer(s), { kind: 'number', value: 1 }, sol.expected)).toBe(true);
		expect(isRight(squareTensors.answer(s), { kind: 'number', value: 3 }, sol.expected)).toBe(false);
	});
});
