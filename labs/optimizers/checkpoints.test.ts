/**
 * Every optimizers checkpoint: `solve` (the page's compute, ONNX on WASM in Node) against a
 * closed form or the float64 reference, and `isRight` on a right and a wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { isRight } from '$lib/practice/types';
import { schema, type OptimizersState } from './lab';
import checkpoints, { bestBeta, biggerBatch, edge, gd20, tooHighTooLow } from './checkpoints';
import { referenceSgd } from './batchReference';
import { BATCH_RUNS } from './batchRuns';
import * as ort from 'onnxruntime-web';
import { driveJob } from '$lib/recorded/drive';
import { SWEEP_RATES } from './rateSweep';
import { sweepJob } from './sweepJob';
import { hbBestBeta, hbBestEta } from './rates';
import { referenceRun } from './reference';

const asked = (patch: Partial<OptimizersState>): OptimizersState => ({ ...defaults(schema), ...patch });
const number = (value: number) => ({ kind: 'number' as const, value });

describe('optimizers checkpoints', () => {
	it('has one checkpoint per card, in order', () => {
		expect(checkpoints.map((c) => c.id)).toEqual(['gd-20', 'best-beta', 'edge', 'too-high-too-low', 'bigger-batch']);
	});

	it('gd-20: the 20th iterate is ((κ−1)/(κ+1))²⁰·‖θ₀‖', async () => {
		const state = asked(gd20.settings(() => 0.5));
		const { expected } = await gd20.solve(state, 'wasm');
		const k = state.kappa;
		const want = ((k - 1) / (k + 1)) ** 20 * Math.hypot(2, 2);
		expect(expected.kind).toBe('number');
		const got = (expected as { value: number }).value;
		expect(Math.abs(got / want - 1)).toBeLessThan(1e-4);
		const kind = gd20.answer(state);
		expect(isRight(kind, number(want * 1.2), expected)).toBe(true);
		expect(isRight(kind, number(want * 3), expected)).toBe(false);
	});

	it('best-beta: the sweep’s argmin is within 0.05 of β* and of the float64 sweep’s argmin', async () => {
		const state = asked(bestBeta.settings(() => 0.6));
		const { expected, shown } = await bestBeta.solve(state, 'wasm');
		const got = (expected as { value: number }).value;
		const star = hbBestBeta(state.kappa);
		expect(Math.abs(got - star)).toBeLessThan(0.05);
		// The same sweep in float64: the rate over steps 100…200 of each β.
		const betas = Array.from({ length: 24 }, (_, i) => (0.96 * i) / 23);
		const p = { kappa: state.kappa, rot: 0 };
		const rate = (beta: number) => {
			const path = referenceRun('quad', p, 'momentum', { lr: hbBestEta(state.kappa), alr: 0, beta, beta2: 0.999, wd: 0 }, [2, 2], 200).path;
			return (Math.hypot(...path[200]) / Math.hypot(...path[100])) ** (1 / 100);
		};
		const rates = betas.map(rate);
		expect(got).toBeCloseTo(betas[rates.indexOf(Math.min(...rates))], 9);
		expect(shown).toMatch(/β\* = /);
		const kind = bestBeta.answer(state);
		expect(isRight(kind, number(star), expected)).toBe(true);
		expect(isRight(kind, number(0.2), expected)).toBe(false);
	});

	it('edge: GD’s largest stable rate is 2/L, whatever κ', async () => {
		const state = asked(edge.settings(() => 0.1));
		const { expected } = await edge.solve(state, 'wasm');
		const got = (expected as { value: number }).value;
		expect(Math.abs(got - 2)).toBeLessThan(2.2 / 24);
		const kind = edge.answer(state);
		expect(isRight(kind, number(2), expected)).toBe(true);
		expect(isRight(kind, number(1), expected)).toBe(false);
	});

	it('too-high-too-low: the rates ending lowest and diverging first, read off the six runs by hand', { timeout: 300_000 }, async () => {
		const state = asked(tooHighTooLow.settings(() => 0.5));
		const { expected, shown, explanation } = await tooHighTooLow.solve(state, 'wasm');
		// Each job driven here, and read without the figure's code: a run diverged when its loss went
		// non-finite or its last reading is above its first.
		const ends: { first: number; last: number; diverged: boolean }[] = [];
		for (const rate of SWEEP_RATES) {
			const run = await driveJob(ort as never, sweepJob(rate));
			const finite = run.losses.map((p) => p.loss).filter(Number.isFinite);
			const first = finite[0];
			const last = finite[finite.length - 1];
			ends.push({ first, last, diverged: run.status === 'diverged' || finite.length < run.losses.length || last > first });
		}
		let lowest = -1;
		ends.forEach((e, i) => {
			if (!e.diverged && (lowest < 0 || e.last < ends[lowest].last)) lowest = i;
		});
		const firstDiverged = ends.findIndex((e) => e.diverged);
		expect(lowest).toBeGreaterThanOrEqual(0);
		expect(firstDiverged).toBeGreaterThanOrEqual(0);
		expect(expected).toEqual({ kind: 'cells', cells: [`0,${lowest}`, `1,${firstDiverged}`] });
		expect(shown).toMatch(/lowest: η = .+; first to diverge: η = /);
		expect(explanation).toMatch(/2\/λₘₐₓ = /);
		const kind = tooHighTooLow.answer(state);
		expect(isRight(kind, { kind: 'cells', cells: [`1,${firstDiverged}`, `0,${lowest}`] }, expected)).toBe(true);
		expect(isRight(kind, { kind: 'cells', cells: [`0,${(lowest + 1) % 6}`, `1,${firstDiverged}`] }, expected)).toBe(false);
	});

	it('bigger-batch: the rate whose B = 128 curve is closest to B = 32’s, as the float64 training finds it', { timeout: 300_000 }, async () => {
		const state = asked(biggerBatch.settings(() => 0.5));
		const { expected, shown } = await biggerBatch.solve(state, 'wasm');
		// The same six runs in float64 (no ONNX, no lab loop), compared by hand: sum of squared gaps per epoch.
		const base = BATCH_RUNS.baseRate;
		const reference = referenceSgd({ batch: 32, rate: base, base, warmup: 0 }, state.seed, BATCH_RUNS.epochs);
		const rates = [1, 2, 4, 8, 16].map((f) => base * f);
		const gaps = rates.map((rate) => {
			// Warmup from η₀ over 2 epochs of 4 steps.
			const curve = referenceSgd({ batch: 128, rate, base, warmup: rate > base ? 8 : 0 }, state.seed, BATCH_RUNS.epochs);
			const gap = curve.reduce((sum, l, i) => sum + (l - reference[i]) ** 2, 0);
			return Number.isFinite(gap) ? gap : Infinity;
		});
		const want = rates[gaps.indexOf(Math.min(...gaps))];
		console.log('bigger-batch: float64 gaps', gaps.map((g) => g.toFixed(4)).join(' '), '→ η =', want);
		expect(expected).toEqual(number(want));
		expect(shown).toMatch(/η = /);
		const kind = biggerBatch.answer(state);
		expect(isRight(kind, number(want * 1.2), expected)).toBe(true);
		expect(isRight(kind, number(want * 4), expected)).toBe(false);
	});
});
