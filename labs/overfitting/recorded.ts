/**
 * Figure 1's build-time recording as the figure reads it (recorded/symptom.json, made by
 * `npm run record` with recording.ts): one run of the default settings, shown until the reader
 * presses Start, and only while their settings are the recorded ones.
 */
import type { Track } from '$lib/state/liveRun.svelte';
import type { EpochPoint } from './curves';
import { NO_FAULTS, type DataFaults } from './glyphs';

/** The fault controls of a page state (absent ones are off). */
const pickFaults = (s: Partial<DataFaults>): Partial<DataFaults> => Object.fromEntries(Object.entries({ leak: s.leak, split: s.split, shift: s.shift }).filter(([, v]) => v !== undefined));
const sameFaults = (a: DataFaults, b: DataFaults) => a.leak === b.leak && a.split === b.split && a.shift === b.shift;

/** True when a page state injects no fault into the data (absent controls are off): what every recording is made without. */
export const noFaultsIn = (s: { leak?: string; split?: string; shift?: number }) =>
	(s.leak ?? NO_FAULTS.leak) === NO_FAULTS.leak && (s.split ?? NO_FAULTS.split) === NO_FAULTS.split && (s.shift ?? NO_FAULTS.shift) === NO_FAULTS.shift;
import type { RunSettings } from './settings';
import type { SymptomTrack } from './trainingRun';

export interface RecordedSymptom {
	settings: RunSettings;
	status: 'done' | 'diverged';
	/** [epoch, train loss, train accuracy, validation loss, validation accuracy]. */
	points: [number, number, number, number, number][];
}

/** True when a reader's settings are the ones recorded (the recording is then theirs to see): no fixes applied either. */
export const isRecordedSetting = (s: RunSettings & Partial<DataFaults> & { fixes?: string }, recorded: { settings: RunSettings }) =>
	!s.fixes &&
	!s.applied &&
	s.n === recorded.settings.n && s.width === recorded.settings.width && s.epochs === recorded.settings.epochs && s.lr === recorded.settings.lr && s.seed === recorded.settings.seed && sameFaults(s.faults ?? { ...NO_FAULTS, ...pickFaults(s) }, recorded.settings.faults ?? NO_FAULTS);

export const recordedPoints = (recorded: RecordedSymptom): EpochPoint[] =>
	recorded.points.map(([epoch, trainLoss, trainAcc, valLoss, valAcc]) => ({ epoch, trainLoss, trainAcc, valLoss, valAcc }));

/** The recording as the row the live run would have at its end. */
export function recordedTrack(recorded: RecordedSymptom): Track<SymptomTrack> {
	const points = recordedPoints(recorded);
	const last = points.at(-1)?.epoch ?? 0;
	return { id: 'baseline', label: 'baseline', status: recorded.status, step: last, maxSteps: recorded.settings.epochs, stepsPerSecond: null, thread: null, message: null, data: { points } };
}
