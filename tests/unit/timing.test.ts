/** The page's user timings stay bounded however long a reader moves the controls. */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MEASURES, timing } from '$lib/onnx/timing';

const count = (name: string) => performance.getEntriesByName(name, 'measure').length;

afterEach(() => {
	performance.clearMeasures();
});

describe('timing', () => {
	it('records a measure with the given start and end', () => {
		const start = performance.now();
		timing('vlab:test one', start, start + 5);
		const [entry] = performance.getEntriesByName('vlab:test one', 'measure');
		expect(entry.startTime).toBeCloseTo(start, 6);
		expect(entry.duration).toBeCloseTo(5, 6);
	});

	it(`keeps at most ${MAX_MEASURES} of its measures, clearing its own and no one else's`, () => {
		performance.measure('someone else', { start: 0, end: 1 });
		const t = performance.now();
		// Two names, as a run records several: the bound is on their sum.
		for (let i = 0; i < MAX_MEASURES + 10; i++) timing(i % 2 ? 'vlab:test a' : 'vlab:test b', t, t + 1);
		const kept = count('vlab:test a') + count('vlab:test b');
		expect(kept).toBeLessThanOrEqual(MAX_MEASURES);
		// The newest is there, whenever the last clearing came (other files in this worker record too).
		expect(performance.getEntriesByType('measure').at(-1)?.name).toBe('vlab:test a');
		expect(count('someone else')).toBe(1);
	});

	it('never throws, even for a start after its end', () => {
		expect(() => timing('vlab:test backwards', 10, 5)).not.toThrow();
	});
});
