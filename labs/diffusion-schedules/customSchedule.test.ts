/**
 * The custom schedule follows the reader's log-SNR points (issue 13, item 3): at every knot
 * τ = ¼, ½, ¾, 1 the schedule's log-SNR is the knot's value, computed here from ᾱ_t itself;
 * between knots it is the straight line; the first knot is where the line starts at t → 0.
 */
import { describe, expect, it } from 'vitest';
import { makeSchedule } from './schedules';

const KNOT_SETS: Record<string, number[]> = {
	default: [10, 4, 0, -4, -10],
	'flat at −5': [-5, -5, -5, -5, -5],
	'flat at 8': [8, 8, 8, 8, 8],
	'steady fall': [0, -2, -4, -6, -8],
	'steep fall': [12, -20, -20, -20, -20],
	'steep at the end': [12, 12, 12, 12, -20]
};

const logSnr = (alphaBar: number) => Math.log(alphaBar / (1 - alphaBar));

describe('custom schedule honours the reader’s log-SNR points', () => {
	for (const T of [1000, 200]) {
		for (const [name, knots] of Object.entries(KNOT_SETS)) {
			it(`${name}, T = ${T}`, () => {
				const s = makeSchedule('custom', T, knots);
				expect(s.alphaBar[0]).toBe(1);
				for (const [i, tau] of [0.25, 0.5, 0.75, 1].entries()) {
					const t = Math.round(tau * T);
					expect(Math.abs(logSnr(s.alphaBar[t]) - knots[i + 1]), `τ = ${tau}`).toBeLessThan(1e-3);
				}
				// t = 1: one step along the line from the first knot.
				const slope = (knots[1] - knots[0]) * 4;
				expect(Math.abs(logSnr(s.alphaBar[1]) - (knots[0] + slope / T))).toBeLessThan(1e-3);
				// β and ᾱ agree: ᾱ_t is the product of the (1 − β).
				let product = 1;
				for (let t = 1; t <= T; t++) product *= 1 - s.beta[t];
				expect(Math.abs(Math.log(product) - Math.log(s.alphaBar[T]))).toBeLessThan(1e-6);
			});
		}
	}

	it('flat points at −5 are noise at every step, not clean data', () => {
		const s = makeSchedule('custom', 1000, [-5, -5, -5, -5, -5]);
		expect(s.alphaBar[1000]).toBeCloseTo(1 / (1 + Math.exp(5)), 10);
	});
});
