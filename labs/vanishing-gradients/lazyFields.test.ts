/** defineLazy: a field is computed on its first read, once, and serializes like any other. */
import { describe, expect, it } from 'vitest';
import { defineLazy } from './lazyFields';

describe('defineLazy', () => {
	it('computes nothing until read, then once; JSON and spreads read it like a plain field', () => {
		let calls = 0;
		const r = defineLazy({ a: 1 } as { a: number; b: number[] }, { b: () => (calls++, [2, 3]) });
		expect(calls).toBe(0);
		expect(Object.keys(r)).toEqual(['a', 'b']);
		expect(r.b).toEqual([2, 3]);
		expect(r.b).toBe(r.b);
		expect(calls).toBe(1);
		expect(JSON.parse(JSON.stringify(r))).toEqual({ a: 1, b: [2, 3] });
		expect({ ...r }).toEqual({ a: 1, b: [2, 3] });
		expect(structuredClone(r)).toEqual({ a: 1, b: [2, 3] });
		expect(calls).toBe(1);
	});
});
