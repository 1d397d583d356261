/**
 * Figure 5's build-time recording as the figure reads it (recorded/implicit.json, made by
 * `npm run record -- double-descent/implicit` with recording.ts): both runs at the default
 * settings, shown until the reader presses Start, and only while their settings are the recorded ones.
 */
import type { Track } from '$lib/state/liveRun.svelte';
import { START_LABELS, type ImplicitProblemView, type ImplicitSettings, type IterateTrack, type StartId } from './trainingRun';

export interface RecordedImplicit {
	settings: Omit<ImplicitSettings, 'backend'>;
	view: ImplicitProblemView;
	/** Each start's iterates: [step, distance to Φ⁺y (relative), ‖w‖, train error, test error]. */
	runs: { id: StartId; points: [number, number, number, number, number][] }[];
}

/** True when the page's settings (its `features` control is the family) are the recorded ones. */
export const isRecordedImplicitSetting = (s: { features: string; target: string; n: number; noise: number; seed: number }, recorded: RecordedImplicit) =>
	s.features === recorded.settings.family && s.target === recorded.settings.target && s.n === recorded.settings.n && s.noise === recorded.settings.noise && s.seed === recorded.settings.seed;

/** The recording as the rows the live runs would have at their end. */
export const recordedImplicitTracks = (recorded: RecordedImplicit): Track<IterateTrack>[] =>
	recorded.runs.map(({ id, points }) => ({
		id,
		label: START_LABELS[id],
		status: 'done',
		step: recorded.view.steps,
		maxSteps: recorded.view.steps,
		stepsPerSecond: null,
		thread: null,
		message: null,
		data: { points: points.map(([step, distance, norm, trainError, testError]) => ({ step, distance, norm, trainError, testError })) }
	}));
