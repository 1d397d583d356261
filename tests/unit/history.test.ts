import { describe, expect, it } from 'vitest';
import { axisDomain, clearHistory, emptyHistory, keepAxis, observe, sameValues, type SeriesHistory } from '../../src/lib/viz/history';
import { unionDomain } from '../../src/lib/viz/ranges';

type S = number[];
const start = () => emptyHistory<S>();

describe('unionDomain', () => {
	it('holds both domains, whatever their order', () => {
		expect(unionDomain(null, [2, 3])).toEqual([2, 3]);
		expect(unionDomain([1, 4], [2, 3])).toEqual([1, 4]);
		expect(unionDomain([1e-6, 1e-3], [0.5, 2])).toEqual([1e-6, 2]);
		expect(unionDomain([5, 1], [0, 2])).toEqual([0, 5]);
	});
});

describe('the previous series (ghost)', () => {
	it('has none until the series changes', () => {
		let h = observe(start(), [1, 2], [1, 2], 0);
		expect(h.previous).toBeNull();
		// The same values again (a re-run, or hydration adopting the prerendered numbers): nothing changes.
		h = observe(h, [1, 2], [1, 2], 1000);
		expect(h.previous).toBeNull();
		expect(h.current).toEqual([1, 2]);
	});

	it('is the series on show before a change', () => {
		let h = observe(start(), [1, 2], [1, 2], 0);
		h = observe(h, [3, 4], [3, 4], 1000);
		expect(h.previous).toEqual([1, 2]);
		expect(h.current).toEqual([3, 4]);
	});

	it('is the state before a whole slider drag, not the frame before', () => {
		let h = observe(start(), [1], [1, 1], 0);
		// A drag: results every 16 ms.
		for (let i = 1; i <= 10; i++) h = observe(h, [1 + i], [1, 1 + i], 1000 + 16 * i);
		expect(h.previous).toEqual([1]);
		expect(h.current).toEqual([11]);
		// After a pause, the next change makes the end of the drag "previous".
		h = observe(h, [20], [20, 20], 5000);
		expect(h.previous).toEqual([11]);
	});

	it('is cleared by a reset, and comes back with the next change', () => {
		let h = observe(observe(start(), [1], [1, 1], 0), [2], [2, 2], 1000);
		h = clearHistory(h);
		expect(h.previous).toBeNull();
		expect(h.current).toEqual([2]);
		h = observe(h, [3], [3, 3], 2000);
		expect(h.previous).toEqual([2]);
	});
});

describe('keeping the axis', () => {
	const at = (h: SeriesHistory<S>, d: [number, number]) => axisDomain(h, d);

	it('follows the data while not kept', () => {
		let h = observe(start(), [1], [0, 10], 0);
		h = observe(h, [2], [0, 1], 1000);
		expect(at(h, [0, 1])).toEqual([0, 1]);
	});

	it('once kept, never shrinks back: a smaller series is drawn on the larger axis', () => {
		let h = keepAxis(observe(start(), [1], [0, 10], 0), true);
		expect(h.keep).toBe(true);
		h = observe(h, [2], [0, 1], 1000);
		expect(at(h, [0, 1])).toEqual([0, 10]);
	});

	it('grows to hold a series larger than the kept axis', () => {
		let h = keepAxis(observe(start(), [1], [1e-3, 1], 0), true);
		h = observe(h, [2], [1e-1, 50], 1000);
		expect(h.kept).toEqual([1e-3, 50]);
		h = observe(h, [3], [1, 2], 2000);
		expect(at(h, [1, 2])).toEqual([1e-3, 50]);
	});

	it('is let go when unticked, and re-based on the current data by a reset', () => {
		let h = keepAxis(observe(start(), [1], [0, 10], 0), true);
		h = observe(h, [2], [0, 1], 1000);
		h = clearHistory(h);
		expect(h.keep).toBe(true);
		expect(at(h, [0, 1])).toEqual([0, 1]);
		h = observe(h, [3], [0, 0.5], 2000);
		expect(at(h, [0, 0.5])).toEqual([0, 1]);
		h = keepAxis(h, false);
		expect(at(h, [0, 0.5])).toEqual([0, 0.5]);
	});

	it('can be kept before the first series arrives', () => {
		let h = keepAxis(start(), true);
		expect(h.keep).toBe(true);
		h = observe(h, [1], [0, 4], 0);
		h = observe(h, [2], [0, 2], 1000);
		expect(at(h, [0, 2])).toEqual([0, 4]);
	});
});

describe('sameValues', () => {
	it('compares plain data structurally', () => {
		expect(sameValues({ w: [1, 2], h: Float32Array.of(3) }, { w: [1, 2], h: Float32Array.of(3) })).toBe(true);
		expect(sameValues({ w: [1, 2] }, { w: [1, 3] })).toBe(false);
		expect(sameValues([1, 2], [1, 2, 3])).toBe(false);
		expect(sameValues([NaN], [NaN])).toBe(true);
		expect(sameValues({ a: 1 }, { b: 1 })).toBe(false);
	});

	it('takes a re-run on another backend (float noise) as the same reading, a real change as a change', () => {
		expect(sameValues([1.0000001, 2e-9], [1, 2.0000001e-9])).toBe(true);
		expect(sameValues([1.01], [1])).toBe(false);
		expect(sameValues([0], [1e-30])).toBe(false);
		let h = observe(emptyHistory<number[]>(), [0.25, 3e-7], [1e-7, 1], 0);
		h = observe(h, [0.25000001, 3.0000001e-7], [1e-7, 1], 1000);
		expect(h.previous).toBeNull();
	});
});
