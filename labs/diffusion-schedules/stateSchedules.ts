/** The schedules a lab state asks for (the custom one from its five knots k0..k4). */
import type { StateOf } from '$lib/state/schema';
import type { DiffSchema } from './lab';
import { makeSchedule, type Schedule, type ScheduleKind } from './schedules';

export const knotsOf = (s: Pick<StateOf<DiffSchema>, 'k0' | 'k1' | 'k2' | 'k3' | 'k4'>): number[] => [s.k0, s.k1, s.k2, s.k3, s.k4];

export function scheduleFor(state: StateOf<DiffSchema>, kind: ScheduleKind = state.schedule): Schedule {
	return makeSchedule(kind, state.T, knotsOf(state));
}
