/**
 * Figure 4's build-time recording as the figure reads it (recorded/fixes.json, made by
 * `npm run record -- overfitting/fixes` with recordingFixes.ts): its six runs at the default
 * settings, shown until the reader presses Train all runs, and only while their settings are the
 * recorded ones.
 */
import type { Track } from '$lib/state/liveRun.svelte';
import { runLabel, type FixTrack } from './fixesRun';
import type { FixStrengths } from './fixes';
import { noFaultsIn } from './recorded';
import { FIX_EPOCHS, type Trained } from './trainedRuns';

export interface RecordedFixes {
	/** The settings the runs depend on (patience only reads their curves). */
	settings: { n: number; width: number; lr: number; seed: number } & Omit<FixStrengths, 'patience'>;
	/** Each run in TRAINED order; a point is [epoch, train loss, train accuracy, validation loss, validation accuracy, its SE]. */
	runs: { id: Trained; status: 'done' | 'diverged'; points: [number, number, number, number, number, number][] }[];
}

type FigureState = RecordedFixes['settings'] & { seeds: number; leak?: string; split?: string; shift?: number };

/** True when the page's settings are the recorded ones: one seed and no injected fault (the fixes control does not reach figure 4). */
export const isRecordedFixSetting = (s: FigureState, recorded: RecordedFixes) =>
	s.seeds === 1 &&
	noFaultsIn(s) &&
	(['n', 'width', 'lr', 'seed', 'aug', 'wd', 'dropout'] as const).every((key) => s[key] === recorded.settings[key]);

/** The recording as the rows the live run would have at its end. */
export const recordedFixTracks = (recorded: RecordedFixes): Track<FixTrack>[] =>
	recorded.runs.map(({ id, status, points }) => ({
		id,
		label: runLabel(id),
		status,
		step: points.at(-1)?.[0] ?? 0,
		maxSteps: FIX_EPOCHS,
		stepsPerSecond: null,
		thread: null,
		message: null,
		data: { points: points.map(([epoch, trainLoss, trainAcc, valLoss, valAcc, valSE]) => ({ epoch, trainLoss, trainAcc, valLoss, valAcc, valSE })) }
	}));
