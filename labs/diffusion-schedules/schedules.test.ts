/**
 * The schedule module against the published definitions, each recomputed here independently
 * (plain loops, no shared helpers), and the lab's facts about them.
 */
import { describe, expect, it } from 'vitest';
import { makeSchedule, monotoneKnots, SCHEDULE_KINDS } from './schedules';

describe('linear schedule (Ho et al. 2020)', () => {
	const s = makeSchedule('linear', 1000);
	it('β runs from 1e-4 to 0.02 over T = 1000', () => {
		expect(s.beta[1]).toBeCloseTo(1e-4, 12);
		expect(s.beta[1000]).toBeCloseTo(0.02, 12);
		expect(s.beta[500]).toBeCloseTo(1e-4 + (0.02 - 1e-4) * (499 / 999), 12);
	});
	it('ᾱ_T ≈ 4e-5 within 10% (product of 1 − β computed here)', () => {
		let prod = 1;
		for (let i = 0; i < 1000; i++) prod *= 1 - (1e-4 + ((0.02 - 1e-4) * i) / 999);
		expect(s.alphaBar[1000]).toBeCloseTo(prod, 15);
		expect(Math.abs(prod - 4e-5) / 4e-5).toBeLessThan(0.1);
	});
});

describe('cosine schedule (Nichol & Dhariwal 2021)', () => {
	const T = 1000;
	const s = makeSchedule('cosine', T);
	const f = (t: number) => Math.cos(((t / T + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
	it('matches f(t)/f(0) wherever β is not clipped', () => {
		for (const t of [1, 10, 100, 500, 900, 990]) expect(s.alphaBar[t]).toBeCloseTo(f(t) / f(0), 10);
	});
	it('ᾱ_0 = 1, monotone decreasing, β clipped at 0.999', () => {
		expect(s.alphaBar[0]).toBe(1);
		for (let t = 1; t <= T; t++) expect(s.alphaBar[t]).toBeLessThan(s.alphaBar[t - 1]);
		expect(Math.max(...s.beta)).toBeLessThanOrEqual(0.999);
		expect(s.beta[T]).toBeCloseTo(0.999, 12);
	});
	it('log-SNR is close to linear in t over the middle of the range', () => {
		// Least-squares line through t = 200..800; residuals small relative to the span.
		const ts = Array.from({ length: 601 }, (_, i) => 200 + i);
		const ys = ts.map((t) => Math.log(s.alphaBar[t] / (1 - s.alphaBar[t])));
		const mt = ts.reduce((a, b) => a + b) / ts.length;
		const my = ys.reduce((a, b) => a + b) / ys.length;
		let sxy = 0;
		let sxx = 0;
		ts.forEach((t, i) => ((sxy += (t - mt) * (ys[i] - my)), (sxx += (t - mt) ** 2)));
		const slope = sxy / sxx;
		const maxResidual = Math.max(...ts.map((t, i) => Math.abs(ys[i] - (my + slope * (t - mt)))));
		const span = Math.abs(ys[0] - ys[ys.length - 1]);
		expect(slope).toBeLessThan(0);
		expect(maxResidual / span).toBeLessThan(0.05);
	});
	it('spreads the loss of information: linear reaches ᾱ < 0.01 far earlier than cosine', () => {
		const lin = makeSchedule('linear', T);
		const first = (a: Float64Array) => a.findIndex((v) => v < 0.01);
		expect(first(lin.alphaBar)).toBeLessThan(first(s.alphaBar) - 100);
	});
});

describe('every schedule', () => {
	for (const kind of SCHEDULE_KINDS) {
		for (const T of [10, 100, 1000]) {
			it(`${kind}, T = ${T}: ᾱ from 1 down, β in [0, 0.999], log-SNR consistent`, () => {
				const s = makeSchedule(kind, T);
				expect(s.alphaBar.length).toBe(T + 1);
				expect(s.alphaBar[0]).toBe(1);
				for (let t = 1; t <= T; t++) {
					expect(s.beta[t]).toBeGreaterThanOrEqual(0);
					expect(s.beta[t]).toBeLessThanOrEqual(0.999);
					expect(s.alphaBar[t]).toBeLessThanOrEqual(s.alphaBar[t - 1]);
					expect(s.logSnr[t]).toBeCloseTo(Math.log(s.alphaBar[t] / (1 - s.alphaBar[t])), 8);
				}
				expect(s.alphaBar[T]).toBeLessThan(0.01);
			});
		}
	}
	it('sigmoid follows Chen (2023) with start −3, end 3, τ = 1', () => {
		const sg = (x: number) => 1 / (1 + Math.exp(-x));
		const g = (u: number) => (sg(3) - sg(6 * u - 3)) / (sg(3) - sg(-3));
		const s = makeSchedule('sigmoid', 1000);
		for (const t of [100, 500, 900]) expect(s.alphaBar[t]).toBeCloseTo(g(t / 1000) / g(0), 8);
	});
	it('custom knots are clamped and made non-increasing; NaN becomes 0', () => {
		expect(monotoneKnots([5, 8, NaN, -30, -4])).toEqual([5, 5, 0, -20, -20]);
		const s = makeSchedule('custom', 100, [6, 2, 0, -2, -6]);
		// ᾱ_t = σ(knot) at the knots: no renormalisation moves the reader's points.
		expect(s.logSnr[50]).toBeCloseTo(0, 8);
		expect(s.logSnr[75]).toBeCloseTo(-2, 8);
	});
});
