import { describe, expect, it } from 'vitest';
import { finiteExtent, logDomain, paddedExtent } from '../../src/lib/viz/ranges';

describe('finiteExtent', () => {
	it('ignores non-finite values', () => {
		expect(finiteExtent([3, NaN, -2, Infinity, 7])).toEqual([-2, 7]);
		expect(finiteExtent(Float32Array.of(0.5, -0.25))).toEqual([-0.25, 0.5]);
	});
	it('is null when nothing is finite', () => {
		expect(finiteExtent([NaN, -Infinity])).toBeNull();
		expect(finiteExtent([])).toBeNull();
	});
});

describe('paddedExtent', () => {
	it('adds 2% of the span on each side by default', () => {
		expect(paddedExtent([0, 10, 5])).toEqual([-0.2, 10.2]);
	});
	it('puts ±1 around a single value and a fallback when nothing is finite', () => {
		expect(paddedExtent([3, 3])).toEqual([2, 4]);
		expect(paddedExtent([NaN])).toEqual([-1, 1]);
		expect(paddedExtent([], { empty: [-1.5, 1.5] })).toEqual([-1.5, 1.5]);
	});
	it('pads by a fraction of at least minSpan (the fit figure: 25% of ≥ 0.5)', () => {
		expect(paddedExtent([-1, 1], { pad: 0.25, minSpan: 0.5 })).toEqual([-1.5, 1.5]);
		expect(paddedExtent([0, 0.1], { pad: 0.25, minSpan: 0.5 })).toEqual([-0.125, 0.225]);
	});
});

describe('logDomain', () => {
	it('widens the finite positive values by the factor', () => {
		expect(logDomain([0.01, 4, -3, 0, NaN, Infinity])).toEqual([0.005, 8]);
		expect(logDomain([3, 6], 1.5)).toEqual([2, 9]);
	});
	it('falls back to [10⁻³, 1] with no positive value', () => {
		expect(logDomain([0, -1, NaN])).toEqual([1e-3, 1]);
	});
});
