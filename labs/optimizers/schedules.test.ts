/** Figure 4's schedules against their closed forms, written out here point by point. */
import { describe, expect, it } from 'vitest';
import { adamWarmupSteps, SCHEDULES, scheduleFactor } from './schedules';

const T = 400;
const W = 100;
const s = (id: Parameters<typeof scheduleFactor>[0], t: number) => scheduleFactor(id, t, T, W);

describe('the schedules’ rate factors', () => {
	it('constant is 1 at every step', () => {
		for (const t of [1, 2, 200, 400]) expect(s('const', t)).toBe(1);
	});

	it('step drops to 0.1 at T/2 and to 0.01 at 3T/4', () => {
		expect(s('step', 200)).toBe(1);
		expect(s('step', 201)).toBe(0.1);
		expect(s('step', 300)).toBe(0.1);
		expect(s('step', 301)).toBe(0.01);
	});

	it('cosine is ½(1 + cos(π(t−1)/T)): 1 at the first step, ½ halfway, near 0 at the last', () => {
		expect(s('cosine', 1)).toBe(1);
		expect(s('cosine', 201)).toBeCloseTo(0.5, 12);
		expect(s('cosine', 101)).toBeCloseTo((1 + Math.SQRT1_2) / 2, 12);
		expect(s('cosine', 400)).toBeCloseTo((1 + Math.cos((Math.PI * 399) / 400)) / 2, 12);
		expect(s('cosine', 400)).toBeLessThan(1e-4);
	});

	it('warmup + cosine ramps t/W to 1 at step W, then falls as a cosine over the rest', () => {
		expect(s('warmcos', 1)).toBeCloseTo(0.01, 12);
		expect(s('warmcos', 50)).toBeCloseTo(0.5, 12);
		expect(s('warmcos', W)).toBe(1);
		// Halfway through the T − (W − 1) steps after the peak.
		expect(s('warmcos', W + (T - W + 1) / 2)).toBeCloseTo(0.5, 12);
		const all = Array.from({ length: T }, (_, i) => s('warmcos', i + 1));
		expect(all.indexOf(Math.max(...all))).toBe(W - 1);
	});

	it('warmup + cosine without warmup is cosine; warmup longer than the run never reaches the peak', () => {
		for (const t of [1, 17, 200, 400]) expect(scheduleFactor('warmcos', t, T, 0)).toBe(scheduleFactor('cosine', t, T, 0));
		expect(scheduleFactor('warmcos', T, T, 2000)).toBeCloseTo(T / 2000, 12);
	});

	it('warmup, then constant: t/W, then 1', () => {
		expect(s('warmconst', 10)).toBeCloseTo(0.1, 12);
		expect(s('warmconst', W)).toBe(1);
		expect(s('warmconst', T)).toBe(1);
		expect(scheduleFactor('warmconst', 1, T, 0)).toBe(1);
	});

	it('one-cycle starts at 1/25, peaks at 1 after 30% of the run and ends near 1/(25·10⁴)', () => {
		expect(s('onecycle', 1)).toBeCloseTo(1 / 25, 12);
		expect(s('onecycle', 0.3 * T + 1)).toBeCloseTo(1, 12);
		const all = Array.from({ length: T }, (_, i) => s('onecycle', i + 1));
		expect(all.indexOf(Math.max(...all))).toBe(0.3 * T);
		expect(s('onecycle', T)).toBeLessThan(1e-4);
		expect(s('onecycle', T)).toBeGreaterThan(1 / 25e4);
	});

	it('every factor lies in [0, 1]', () => {
		for (const id of SCHEDULES) for (let t = 1; t <= T; t++) expect(s(id, t)).toBeGreaterThanOrEqual(0), expect(s(id, t)).toBeLessThanOrEqual(1);
	});

	it('Adam’s warmup rule of thumb, 2/(1 − β₂), is 200 steps at β₂ = 0.99 (Ma & Yarats 2021)', () => {
		expect(adamWarmupSteps(0.99)).toBeCloseTo(200, 9);
		expect(adamWarmupSteps(0.999)).toBeCloseTo(2000, 6);
	});
});
