import { describe, expect, it } from 'vitest';
import { interleaved, resolvePoints } from '$lib/viz/channels';
import { stepOutline } from '$lib/viz/histogram';

/** The x/y pairs of resolved points, for comparing with plain literals. */
const pairs = (points: { x: unknown; y: unknown }[]) => points.map((p) => [p.x, p.y]);

describe('mark channels', () => {
	it('reads x and y from Datum objects when no channel is given', () => {
		const points = resolvePoints({ data: [{ x: 1, y: 10, color: 'red' }, { x: 'b', y: 20 }] });
		expect(pairs(points)).toEqual([[1, 10], ['b', 20]]);
		expect(points.map((p) => p.color)).toEqual(['red', undefined]);
	});

	it('takes columns without data, and the longest column sets the length', () => {
		expect(pairs(resolvePoints({ x: [1, 2, 3], y: new Float32Array([0.5, 0.25, 0.125]) }))).toEqual([
			[1, 0.5],
			[2, 0.25],
			[3, 0.125]
		]);
		// A y column alone is drawn against its index.
		expect(pairs(resolvePoints({ y: [7, 8] }))).toEqual([[0, 7], [1, 8]]);
		// A missing value becomes NaN, which every mark skips.
		expect(pairs(resolvePoints({ x: [1, 2], y: [3] }))).toEqual([[1, 3], [2, NaN]]);
	});

	it('calls accessors with the datum and its index, and reads named fields', () => {
		const runs = [
			{ step: 10, loss: 2 },
			{ step: 20, loss: 1 }
		];
		expect(pairs(resolvePoints({ data: runs, x: 'step', y: 'loss' }))).toEqual([[10, 2], [20, 1]]);
		expect(pairs(resolvePoints({ data: runs, x: (_, i) => i + 1, y: (d) => d.loss * 3 }))).toEqual([[1, 6], [2, 3]]);
		expect(resolvePoints({ data: [3, 4], y0: (d) => -d }).map((p) => p.y0)).toEqual([-3, -4]);
	});

	it('takes colours from an accessor before the datum', () => {
		const points = resolvePoints({ data: [{ x: 0, y: 0, color: 'red' }, { x: 1, y: 1 }] }, (_, i) => (i === 1 ? 'blue' : undefined));
		expect(points.map((p) => p.color)).toEqual(['red', 'blue']);
	});

	it('splits a flat [x0, y0, x1, y1, …] array into columns', () => {
		expect(interleaved(new Float32Array([1, 2, 3, 4, 5, 6]))).toEqual({ x: [1, 3, 5], y: [2, 4, 6] });
		expect(interleaved(null)).toEqual({ x: [], y: [] });
	});

	it('outlines a histogram as steps closed at the last edge', () => {
		const bins = [
			{ x0: 0, x1: 1, count: 3 },
			{ x0: 1, x1: 2, count: 5 }
		];
		expect(stepOutline(bins)).toEqual({ x: [0, 1, 2], y: [3, 5, 5] });
		expect(stepOutline([])).toEqual({ x: [], y: [] });
	});
});
