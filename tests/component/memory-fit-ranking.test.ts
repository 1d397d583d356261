/**
 * The memory lab's figure 5 ranks every layout that could run the model, a simulation each: it
 * is drawn at once for the first paint, and after a change only once the change has held, so a
 * dragged slider does not rank at every step. Meanwhile the last ranking stays, faded and busy.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { MemoryAndParallelismController } from '$labs/memory-and-parallelism/controller.svelte';
import FitHarness from './harness/FitHarness.svelte';

/** The ranking's rows as shown: "d × t × p" of each. */
const rows = () =>
	[...screen.getByTestId('fit-ranking').querySelectorAll('tbody tr td:first-of-type')].map((td) => td.textContent);

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('figure 5, the fastest layouts that fit', () => {
	it('ranks at once on first paint, then after a change holds 150 ms, showing the old ranking faded until then', () => {
		const controller = new MemoryAndParallelismController();
		render(FitHarness, { controller });
		const table = () => screen.getByTestId('fit-ranking');
		const first = rows();
		expect(first.length).toBeGreaterThan(0);
		expect(table().getAttribute('aria-busy')).toBe('false');

		// Two layers per stage fewer fit more easily: another ranking, but not before the change holds.
		controller.set({ L: 8 });
		flushSync();
		expect(rows()).toEqual(first);
		expect(table().classList.contains('stale')).toBe(true);
		expect(table().getAttribute('aria-busy')).toBe('true');
		vi.advanceTimersByTime(100);
		controller.set({ L: 4 });
		flushSync();
		vi.advanceTimersByTime(100);
		flushSync();
		expect(table().classList.contains('stale'), 'a change 100 ms after the last restarts the wait').toBe(true);
		vi.advanceTimersByTime(60);
		flushSync();
		expect(table().classList.contains('stale')).toBe(false);
		expect(table().getAttribute('aria-busy')).toBe('false');
		expect(rows()).not.toEqual(first);
	});
});
