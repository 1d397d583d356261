/**
 * Figure 5's build-time recording as the figure reads it (recorded/learning.json, made by
 * `npm run record -- overfitting/learning` with recordingLearning.ts): the sweep of the default
 * settings, shown until the reader presses Start, and only while their settings are the recorded ones.
 */
import { noFaultsIn } from './recorded';
import type { RunSettings } from './settings';

/** The sweep's settings: a run's, less n (each run has its own). */
export type SweepSettings = Omit<RunSettings, 'n'>;

export interface RecordedCurves {
	settings: SweepSettings;
	/** [n, width, training accuracy, validation accuracy] at the end of each run, in curveRuns order. */
	runs: [number, number, number, number][];
}

/** True when a page's settings are the recorded sweep's (no injected faults, no fixes, one seed; n is the sweep's own). */
export const isRecordedCurveSetting = (s: SweepSettings & { leak?: string; split?: string; shift?: number; fixes?: string; seeds?: number }, recorded: RecordedCurves) =>
	!s.fixes &&
	(s.seeds ?? 1) === 1 &&
	!s.applied &&
	s.width === recorded.settings.width &&
	s.epochs === recorded.settings.epochs &&
	s.lr === recorded.settings.lr &&
	s.seed === recorded.settings.seed &&
	noFaultsIn(s);
