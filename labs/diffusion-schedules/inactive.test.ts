/** The five log-SNR knots shape only the custom schedule: they act while it is chosen or compared. */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { diffusionSchedules, schema } from './lab';
import { makeSchedule } from './schedules';
import { knotsOf } from './stateSchedules';

const KNOTS = ['k0', 'k1', 'k2', 'k3', 'k4'] as const;
const reasons = (state: Partial<ReturnType<typeof defaults<typeof schema>>>) =>
	KNOTS.map((k) => diffusionSchedules.inactive[k]({ ...defaults(schema), ...state }));

describe('diffusion: the custom-schedule knots', () => {
	it('are inactive, all for one reason, when neither schedule shown is custom', () => {
		const why = reasons({ schedule: 'cosine', compare: 'linear' });
		expect(new Set(why).size).toBe(1);
		expect(why[0]).toMatch(/shape the custom schedule/);
	});

	it('act when custom is the schedule or the one compared with', () => {
		expect(reasons({ schedule: 'custom', compare: 'linear' })).toEqual([null, null, null, null, null]);
		expect(reasons({ schedule: 'sigmoid', compare: 'custom' })).toEqual([null, null, null, null, null]);
	});

	it('agrees with the model: the knots change only the custom schedule', () => {
		const base = defaults(schema);
		const moved = { ...base, k2: base.k2 + 1 };
		for (const kind of ['linear', 'cosine', 'sigmoid'] as const)
			expect(makeSchedule(kind, 1000, knotsOf(moved)).alphaBar).toEqual(makeSchedule(kind, 1000, knotsOf(base)).alphaBar);
		expect(makeSchedule('custom', 1000, knotsOf(moved)).alphaBar).not.toEqual(makeSchedule('custom', 1000, knotsOf(base)).alphaBar);
	});
});
