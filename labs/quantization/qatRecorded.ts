/**
 * PTQ vs QAT, the build-time recording as the figure reads it (recorded/qat.json, made by
 * `npm run record` with qatRecording.ts): both runs for the default settings and for the W4A4
 * scene, shown until the reader presses Start, and only while their settings are recorded ones.
 */
import type { Track } from '$lib/state/liveRun.svelte';
import type { QatMode } from './qat';
import { QAT_RUNS, qatKey, type QatRunSettings, type QatTrack } from './qatRun';

export interface RecordedQat {
	runs: {
		settings: Omit<QatRunSettings, 'backend'>;
		tracks: {
			id: QatMode;
			status: 'done' | 'diverged';
			step: number;
			/** [step, loss] and [step, held-out token accuracy] pairs. */
			losses: [number, number][];
			accuracy: [number, number][];
		}[];
	}[];
}

/** The recorded rows for these settings, as the live run would have them at its end; null when none were recorded. */
export function recordedQatTracks(recorded: RecordedQat, settings: Omit<QatRunSettings, 'backend'>): Track<QatTrack>[] | null {
	const key = qatKey(settings);
	const run = recorded.runs.find((r) => qatKey(r.settings) === key);
	if (!run) return null;
	return run.tracks.map((t) => {
		const losses = t.losses.map(([step, loss]) => ({ step, loss }));
		return {
			id: t.id,
			label: QAT_RUNS.find((r) => r.id === t.id)!.label,
			status: t.status,
			step: t.step,
			maxSteps: run.settings.steps,
			stepsPerSecond: null,
			thread: null,
			message: null,
			data: { losses, firstLoss: losses[0]?.loss ?? null, lastLoss: losses.at(-1)?.loss ?? null, accuracy: t.accuracy.map(([step, accuracy]) => ({ step, accuracy })) }
		};
	});
}
