import { describe, expect, it } from 'vitest';
import { pairedRatio, quantile, ratioSentence, ratioVerdict } from './timingRatio';

describe('the LayerNorm/RMSNorm timing ratio', () => {
	it('interpolates quantiles between sorted samples', () => {
		expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
		expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
		expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
		expect(quantile([10, 20], 0.75)).toBe(17.5);
	});

	it('takes the ratio round by round, so a slow moment that hits both runs cancels', () => {
		// Round 3 is ten times slower for both models: its ratio is still 1.2.
		const layer = [1.2, 1.2, 12, 1.2, 1.2];
		const rms = [1, 1, 10, 1, 1];
		const r = pairedRatio(layer, rms);
		expect(r.median).toBeCloseTo(1.2, 12);
		expect(r.low).toBeCloseTo(1.2, 12);
		expect(r.high).toBeCloseTo(1.2, 12);
		expect(r.rounds).toBe(5);
		expect(ratioVerdict(r)).toBe('above');
	});

	it('summarises nine rounds by median and interquartile range', () => {
		// Ratios 0.9, 0.95, …, 1.3 in scrambled order: median 1.1, quartiles 1.0 and 1.2.
		const ratios = [1.3, 0.9, 1.1, 1.0, 1.25, 0.95, 1.2, 1.05, 1.15];
		const r = pairedRatio(ratios.map((q) => 2 * q), ratios.map(() => 2));
		expect(r.median).toBeCloseTo(1.1, 12);
		expect(r.low).toBeCloseTo(1.0, 12);
		expect(r.high).toBeCloseTo(1.2, 12);
		// The lower quartile sits at exactly 1: not clearly above it.
		expect(ratioVerdict(r)).toBe('overlaps');
	});

	it('names a direction only when the middle half stays on one side of 1', () => {
		expect(ratioVerdict({ median: 1.1, low: 1.02, high: 1.2, rounds: 9 })).toBe('above');
		expect(ratioVerdict({ median: 0.9, low: 0.85, high: 0.97, rounds: 9 })).toBe('below');
		expect(ratioVerdict({ median: 0.97, low: 0.9, high: 1.05, rounds: 9 })).toBe('overlaps');
		expect(ratioVerdict({ median: NaN, low: NaN, high: NaN, rounds: 0 })).toBe('overlaps');
	});

	it('drops rounds whose ratio is not a number', () => {
		const r = pairedRatio([1, 2, 3], [1, 0, 1]);
		// 2/0 is infinite: two rounds remain, ratios 1 and 3.
		expect(r.rounds).toBe(2);
		expect(r.median).toBe(2);
	});

	it('says on the page when noise swamps the difference instead of asserting a direction', () => {
		const noisy = ratioSentence({ median: 0.97, low: 0.9, high: 1.05, rounds: 9 }, 'As standard operators');
		expect(noisy).toBe(
			"As standard operators, LayerNorm took 0.97× RMSNorm's time (middle half of the 9 rounds: 0.9× to 1.05×): that range reaches across 1×, so timing noise swamps the difference and neither is measurably faster here."
		);
		expect(ratioSentence({ median: 1.3, low: 1.2, high: 1.4, rounds: 9 }, 'As compositions')).toMatch(/: RMSNorm was faster here\.$/);
		expect(ratioSentence({ median: 0.8, low: 0.7, high: 0.9, rounds: 9 }, 'As compositions')).toMatch(/LayerNorm was faster here, against the operation count/);
	});
});
