/** The packing of build-time recordings and the comparison their tests use. */
import { describe, expect, it } from 'vitest';
import { packBytes, roundSig, unpackBytes } from '$lib/recorded/pack';
import { firstDifference } from '../support/recording';

describe('recording numbers', () => {
	it('rounds to significant digits', () => {
		expect(roundSig(0.000345312)).toBe(0.0003453);
		expect(roundSig(2.61249)).toBe(2.612);
		expect(roundSig(1234567)).toBe(1235000);
		expect(roundSig(0)).toBe(0);
	});

	it('packs values in a range to bytes and back within half a step', () => {
		const values = [0, 1, 0.5, 0.25, -3, 7, NaN];
		const back = unpackBytes(packBytes(values));
		expect(Array.from(back, (v) => Math.round(v * 255))).toEqual([0, 255, 128, 64, 0, 255, 128]);
		const wide = unpackBytes(packBytes([-2, 0, 2], -2, 2), -2, 2);
		expect(wide[0]).toBe(-2);
		expect(wide[1]).toBeCloseTo(4 / 255 / 2, 6);
		expect(wide[2]).toBe(2);
	});

	it('finds the first difference, numbers to a relative tolerance', () => {
		expect(firstDifference({ a: [1, 2, 'x'] }, { a: [1 + 1e-7, 2, 'x'] })).toBeNull();
		expect(firstDifference({ a: [1, 2] }, { a: [1, 2.001] })).toBe('$.a[1]: 2 now, 2.001 committed');
		expect(firstDifference({ a: [1] }, { a: [1, 2] })).toBe('$.a: 1 entries now, 2 committed');
		expect(firstDifference({ g: 'AAB' }, { g: 'AAC' })).toBe('$.g: "AAB" now, "AAC" committed');
		expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toBe('$.b: undefined now, 2 committed');
	});
});
