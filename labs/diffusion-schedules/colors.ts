/** One colour per schedule, the same in every figure (Okabe–Ito, colour-blind safe). */
import { categorical } from '$lib/viz';
import type { ScheduleKind } from './schedules';

export const SCHEDULE_COLOR: Record<ScheduleKind, string> = {
	linear: categorical(0),
	cosine: categorical(1),
	sigmoid: categorical(2),
	custom: categorical(3)
};
export const CLASS_COLOR = [categorical(3), categorical(4), categorical(2), categorical(5)];
