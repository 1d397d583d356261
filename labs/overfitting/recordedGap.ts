/**
 * Figure 3's build-time recording as the figure reads it (recorded/gap.json, made by
 * `npm run record -- overfitting/gap` with recordingGap.ts): every width at the default settings,
 * shown until the reader presses Train all widths, and only while their settings are the recorded ones.
 */
import type { GapTiming } from './gapTiming';
import { noFaultsIn } from './recorded';
import type { RunSettings } from './settings';

export interface RecordedGap {
	/** The settings of every run; each width is its own. */
	settings: Omit<RunSettings, 'width' | 'faults' | 'applied'>;
	/** [width, epoch of the validation minimum, last epoch, training accuracy there, validation accuracy there], in GAP_WIDTHS order. */
	runs: [number, number, number, number, number][];
}

/** True when the page's settings are the recorded ones: no injected fault and no fix (the width is the figure's own). */
export const isRecordedGapSetting = (s: Omit<RunSettings, 'width' | 'faults' | 'applied'> & { fixes?: string; leak?: string; split?: string; shift?: number }, recorded: RecordedGap) =>
	!s.fixes &&
	noFaultsIn(s) &&
	s.n === recorded.settings.n &&
	s.epochs === recorded.settings.epochs &&
	s.lr === recorded.settings.lr &&
	s.seed === recorded.settings.seed;

/** Each recorded run's reading, as gapTiming gives it for a live run. */
export const recordedTimings = (recorded: RecordedGap): GapTiming[] =>
	recorded.runs.map(([width, bestEpoch, lastEpoch, trainAcc, valAcc]) => ({ width, bestEpoch, lastEpoch, notYet: bestEpoch === lastEpoch, trainAcc, valAcc, gap: trainAcc - valAcc }));
