/** Figure 4's runs: Adam from figure 1's start under each schedule, and warmup then constant. */
import type { Hyper } from './optimizersList';
import type { RowSpec } from './run';
import { SCHEDULES, scheduleFactor, type ScheduleRunId } from './schedules';

export const SCHEDULE_RUNS: readonly ScheduleRunId[] = [...SCHEDULES, 'warmconst'];

export function scheduleRows(s: { steps: number; warmup: number }, hyper: Hyper, start: readonly [number, number]): RowSpec[] {
	return SCHEDULE_RUNS.map((id) => ({ kind: 'adam', hyper, start, scale: (t: number) => scheduleFactor(id, t, s.steps, s.warmup) }));
}
