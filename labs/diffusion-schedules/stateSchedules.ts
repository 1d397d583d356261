/** The custom schedule's five knots k0..k4 of a lab state (the controller's `scheduleOf` builds schedules). */
import type { StateOf } from '$lib/state/schema';
import type { DiffSchema } from './lab';

export const knotsOf = (s: Pick<StateOf<DiffSchema>, 'k0' | 'k1' | 'k2' | 'k3' | 'k4'>): number[] => [s.k0, s.k1, s.k2, s.k3, s.k4];
