/**
 * The diffusion lab's figure 2 and live equation when the chosen schedule is also the compared
 * one (one click from the defaults, or ?schedule=linear): both sides show it, and they keep
 * following the controls instead of freezing on a duplicate-key error.
 */
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { DiffController } from '$labs/diffusion-schedules/controller.svelte';
import SameScheduleHarness from './harness/SameScheduleHarness.svelte';

// jsdom draws no canvas; the figure skips drawing when it gets no 2-D context.
vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);

describe('diffusion figure 2 with schedule = compare', () => {
	it.each(['linear', 'custom'] as const)('shows %s twice and follows t', (kind) => {
		const controller = new DiffController();
		controller.set({ schedule: kind, compare: kind, t: 100 });
		render(SameScheduleHarness, { controller });
		expect(screen.getAllByRole('img', { name: `${kind} schedule at t = 100` })).toHaveLength(2);
		expect(screen.getAllByRole('group', { name: new RegExp(`^${kind} schedule from t = 0`) })).toHaveLength(2);

		controller.set({ t: 700 });
		flushSync();
		expect(screen.getAllByRole('img', { name: `${kind} schedule at t = 700` })).toHaveLength(2);
		expect(screen.queryAllByRole('img', { name: `${kind} schedule at t = 100` })).toHaveLength(0);
	});

	it('switches from two schedules to the same one and back', () => {
		const controller = new DiffController();
		controller.set({ schedule: 'cosine', compare: 'linear', t: 300 });
		render(SameScheduleHarness, { controller });
		controller.set({ schedule: 'linear' });
		flushSync();
		expect(screen.getAllByRole('img', { name: 'linear schedule at t = 300' })).toHaveLength(2);
		controller.set({ schedule: 'cosine' });
		flushSync();
		expect(screen.getAllByRole('img', { name: 'cosine schedule at t = 300' })).toHaveLength(1);
		expect(screen.getAllByRole('img', { name: 'linear schedule at t = 300' })).toHaveLength(1);
	});
});
