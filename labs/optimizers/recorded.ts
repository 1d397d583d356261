/**
 * Figure 3's build-time recording as the figure reads it (recorded/sweep.json, made by
 * recording.ts): the sweep has no settings of its own, so the recording is always the run Start
 * would make; it stands until the reader starts one.
 */
import type { Track } from '$lib/state/liveRun.svelte';
import { rateLabel, type SweepTrack } from './sweepRun';

export interface RecordedSweep {
	runs: { rate: number; status: 'done' | 'diverged'; losses: [number, number][] }[];
}

export function recordedTracks(recorded: RecordedSweep): Track<SweepTrack>[] {
	return recorded.runs.map((r, i) => {
		const losses = r.losses.map(([step, loss]) => ({ step, loss }));
		return {
			id: `rate-${i}`,
			label: rateLabel(r.rate),
			status: r.status,
			step: losses.at(-1)?.step ?? 0,
			maxSteps: losses.at(-1)?.step ?? 0,
			stepsPerSecond: null,
			thread: null,
			message: null,
			data: { losses, firstLoss: losses[0]?.loss ?? null, lastLoss: losses.at(-1)?.loss ?? null, rate: r.rate }
		};
	});
}
