/**
 * Figure 6's build-time recording as the figure reads it (recorded/training.json, made by
 * `npm run record` with recording.ts): the loss curve of one training run of the default data
 * set, schedule and seed, and the DDIM-50 samples drawn from its weights. Shown until the reader
 * presses Train, and only while their settings are the recorded ones.
 */
import type { StateOf } from '$lib/state/schema';
import type { DatasetName } from './data';
import type { DiffSchema } from './lab';
import type { ScheduleKind } from './schedules';

export interface RecordedTraining {
	settings: { data: DatasetName; schedule: Exclude<ScheduleKind, 'custom'>; T: number; seed: number };
	steps: number;
	/** [step, loss] pairs. */
	losses: [number, number][];
	/** The samples, x₁ y₁ x₂ y₂ …, to two decimals. */
	samples: number[];
}

/** True when a reader's settings are the ones recorded (the recording is then theirs to see). */
export const isRecordedSetting = (s: Pick<StateOf<DiffSchema>, 'data' | 'schedule' | 'T' | 'seed'>, recorded: RecordedTraining) =>
	s.data === recorded.settings.data && s.schedule === recorded.settings.schedule && s.T === recorded.settings.T && s.seed === recorded.settings.seed;

export const recordedLosses = (recorded: RecordedTraining) => recorded.losses.map(([step, loss]) => ({ step, loss }));
