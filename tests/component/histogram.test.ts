import { describe, expect, it } from 'vitest';
import { histogram } from '$lib/viz/histogram';

describe('histogram', () => {
	it('bins values into equal-width half-open bins, last bin closed', () => {
		const bins = histogram([0, 0.5, 1, 1.5, 2, 3.99, 4], [0, 4], 4);
		expect(bins.map((b) => [b.x0, b.x1])).toEqual([
			[0, 1],
			[1, 2],
			[2, 3],
			[3, 4]
		]);
		expect(bins.map((b) => b.count)).toEqual([2, 2, 1, 2]);
	});

	it('skips non-finite and out-of-domain values unless clamped', () => {
		const values = new Float32Array([-5, NaN, Infinity, 0.1, 9]);
		expect(histogram(values, [0, 1], 2).map((b) => b.count)).toEqual([1, 0]);
		expect(histogram(values, [0, 1], 2, { clamp: true }).map((b) => b.count)).toEqual([2, 1]);
	});

	it('keeps the total when every value is inside the domain', () => {
		const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i));
		const total = histogram(values, [-1, 1], 17).reduce((s, b) => s + b.count, 0);
		expect(total).toBe(1000);
	});

	it('rejects an empty domain', () => {
		expect(() => histogram([1], [1, 1], 3)).toThrow(RangeError);
	});
});
