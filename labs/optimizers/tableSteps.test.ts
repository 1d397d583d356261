import { describe, expect, it } from 'vitest';
import { tableSteps } from './tableSteps';

describe('the steps a data table lists', () => {
	it('lists every step of a short run', () => {
		expect(tableSteps(5)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(tableSteps(200)).toHaveLength(201);
	});
	it('thins a long run to every k-th step and keeps the last', () => {
		const t = tableSteps(1000);
		expect(t.slice(0, 3)).toEqual([0, 5, 10]);
		expect(t[t.length - 1]).toBe(1000);
		expect(t).toHaveLength(201);
		expect(tableSteps(999).at(-1)).toBe(999);
		expect(tableSteps(999).length).toBeLessThanOrEqual(202);
	});
});
