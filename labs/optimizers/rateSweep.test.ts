/** How figure 3 reads a run: where it diverged, and which rates end lowest and diverge first. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SWEEP, SWEEP_RATES, divergedAt, outcome, verdict } from './rateSweep';
import { PARAM_COUNT, SPIRAL } from './spiralMlp';

const curve = (...losses: number[]) => losses.map((loss, i) => ({ step: 3 * i, loss }));

describe('figure 3: reading the sweep', () => {
	it('has six rates half a decade apart from 10^−1.5 to 10', () => {
		expect(SWEEP_RATES).toHaveLength(6);
		expect(SWEEP_RATES[0]).toBeCloseTo(0.0316228, 6);
		expect(SWEEP_RATES[5]).toBeCloseTo(10, 10);
		for (let i = 1; i < 6; i++) expect(SWEEP_RATES[i] / SWEEP_RATES[i - 1]).toBeCloseTo(Math.sqrt(10), 10);
	});

	it('a falling run has not diverged', () => expect(divergedAt(curve(0.7, 0.6, 0.5), false)).toBeNull());

	it('a run that rose and came back has not diverged', () => expect(divergedAt(curve(0.7, 9, 3, 0.1), false)).toBeNull());

	it('a run ending above its start diverged at its first reading above the start', () => expect(divergedAt(curve(0.7, 0.5, 0.9, 50), false)).toBe(6));

	it('a NaN or ∞ diverged after its last finite reading, and never throws', () => {
		expect(divergedAt(curve(0.7, 5, NaN), false)).toBe(4);
		expect(divergedAt(curve(0.7, Infinity), false)).toBe(1);
		expect(divergedAt(curve(0.7, 3), true)).toBe(4);
		expect(divergedAt([], true)).toBe(0);
		expect(outcome(1, curve(NaN), true).finalLoss).toBeNaN();
	});

	it('the verdict skips diverged runs for the lowest and takes the smallest diverged rate', () => {
		const o = [outcome(0.1, curve(0.7, 0.6), false), outcome(1, curve(0.7, 0.2), false), outcome(3, curve(0.7, 0.01, 0.9), false), outcome(10, curve(0.7, NaN), true)];
		expect(verdict(o)).toEqual({ lowest: 1, firstDiverged: 3 });
		expect(verdict([outcome(0.1, curve(0.7, 0.6), false)])).toEqual({ lowest: 0.1, firstDiverged: null });
	});

	it('the article’s sizes are the sweep’s', () => {
		const article = readFileSync(new URL('./index.svx', import.meta.url), 'utf8');
		expect(article).toMatch(new RegExp(`\\$2 \\\\to ${SPIRAL.width} \\\\to ${SPIRAL.width} \\\\to 2\\$`));
		expect(article).toContain(`${SPIRAL.examples} seeded points`);
		expect(article).toContain(`${SWEEP.epochs} epochs each`);
		expect(article).toContain('six runs');
		expect(SWEEP_RATES).toHaveLength(6);
		expect(PARAM_COUNT).toBe(2 * 32 + 32 + 32 * 32 + 32 + 32 * 2 + 2);
	});
});
