import { describe, expect, it } from 'vitest';
import { makeContinuousScale } from '../../src/lib/viz/scales';
import { scaleTicks } from '../../src/lib/viz/ticks';

const logTicks = (lo: number, hi: number, count = 5) => scaleTicks(makeContinuousScale('log', [lo, hi], [0, 300]), count);

describe('log-axis ticks over a narrow range', () => {
	it('labels [0.8, 3] with at least three ticks inside it', () => {
		const t = logTicks(0.8, 3);
		// 1-3 gives 1, 3 and 1-2-5 gives 1, 2: too few, so every integer step: 0.8, 0.9, 1, 2, 3.
		expect(t.map((x) => x.value)).toEqual([0.8, 0.9, 1, 2, 3]);
		expect(t.map((x) => x.label)).toEqual(['0.8', '0.9', '1', '2', '3']);
	});

	it('takes the coarsest steps that give three ticks', () => {
		// 0.4 to 3: 1-3 gives 1, 3; 1-2-5 gives 0.5, 1, 2.
		expect(logTicks(0.4, 3).map((x) => x.label)).toEqual(['0.5', '1', '2']);
		// 0.05 to 5 (two decades): 0.1, 0.3, 1, 3.
		expect(logTicks(0.05, 5).map((x) => x.label)).toEqual(['0.1', '0.3', '1', '3']);
	});

	it('writes tiny narrow ranges in scientific form', () => {
		expect(logTicks(2e-6, 9e-6).map((x) => x.label)).toEqual(['2×10⁻⁶', '3×10⁻⁶', '4×10⁻⁶', '5×10⁻⁶', '6×10⁻⁶', '7×10⁻⁶', '8×10⁻⁶', '9×10⁻⁶']);
	});

	it('falls back to even steps inside a single 1…9 step', () => {
		const t = logTicks(1.1, 1.9);
		expect(t.length).toBeGreaterThanOrEqual(3);
		for (const { value } of t) {
			expect(value as number).toBeGreaterThanOrEqual(1.1);
			expect(value as number).toBeLessThanOrEqual(1.9);
		}
		expect(t.map((x) => x.label)).toEqual(['1.2', '1.4', '1.6', '1.8']);
	});

	it('keeps whole-decade labels once three decades fit', () => {
		expect(logTicks(0.01, 1).map((x) => x.label)).toEqual(['10⁻²', '10⁻¹', '1']);
	});

	it('gives every tick of a narrow range inside the scale, so none is dropped', () => {
		for (const [lo, hi] of [[0.8, 3], [0.4, 3], [13, 170], [1.1, 1.9], [3e-4, 2e-3]] as const) {
			const t = logTicks(lo, hi);
			expect(t.length, `${lo}..${hi}`).toBeGreaterThanOrEqual(3);
			for (const { value } of t) {
				expect(value as number).toBeGreaterThanOrEqual(lo * (1 - 1e-9));
				expect(value as number).toBeLessThanOrEqual(hi * (1 + 1e-9));
			}
		}
	});
});
