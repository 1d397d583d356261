/**
 * Figure 5's build-time recording as the figure reads it (recorded/training.json, made by
 * `npm run record` with recording.ts): one run of the default settings, shown until the reader
 * presses Start, and only while their settings are the recorded ones.
 */
import type { Track } from '$lib/state/liveRun.svelte';
import { unpackBytes } from '$lib/recorded/pack';
import { TRAIN_CONFIGS, liveWidth, type TrainConfigId } from './trainingConfigs';
import type { BoundaryTrack, RunSettings } from './trainingRun';

export interface RecordedTraining {
	settings: Omit<RunSettings, 'backend'>;
	steps: number;
	tracks: {
		id: TrainConfigId;
		status: 'done' | 'diverged';
		step: number;
		/** [step, loss] pairs. */
		losses: [number, number][];
		boundary: { step: number; accuracy: number; grid: string } | null;
	}[];
}

/** True when a reader's settings are the ones recorded (the recording is then theirs to see). */
export const isRecordedSetting = (s: { depth: number; width: number; seed: number }, recorded: RecordedTraining) =>
	s.depth === recorded.settings.depth && liveWidth(s.width) === recorded.settings.width && s.seed === recorded.settings.seed;

/** The recording as the rows the live run would have at its end. */
export function recordedTracks(recorded: RecordedTraining): Track<BoundaryTrack>[] {
	return recorded.tracks.map((t) => {
		const config = TRAIN_CONFIGS.find((c) => c.id === t.id)!;
		const losses = t.losses.map(([step, loss]) => ({ step, loss }));
		return {
			id: t.id,
			label: config.label,
			status: t.status,
			step: t.step,
			maxSteps: recorded.steps,
			stepsPerSecond: null,
			thread: null,
			message: null,
			data: {
				losses,
				firstLoss: losses[0]?.loss ?? null,
				lastLoss: losses.at(-1)?.loss ?? null,
				boundary: t.boundary && { step: t.boundary.step, accuracy: t.boundary.accuracy, grid: unpackBytes(t.boundary.grid) }
			}
		};
	});
}
