/**
 * Figure 6's build-time recording as the figure reads it (recorded/distill.json, made by
 * `npm run record` with distillRecording.ts): the teacher's regions, and one run of both students
 * at the default settings, shown until the reader presses Start, and the students only while
 * the reader's settings are the recorded ones.
 */
import type { Track } from '$lib/state/liveRun.svelte';
import { unpackBytes } from '$lib/recorded/pack';
import type { DistillSettings, StudentKind } from './distillConfig';
import type { Regions } from './distillRegions';
import { STUDENTS, distillKey, type StudentTrack } from './distillRun';

export interface RecordedRegions {
	step: number;
	accuracy: number;
	/** Bytes: the arm per cell (0–2), then how sure (0–1). */
	arm: string;
	sure: string;
}

export interface RecordedDistill {
	settings: DistillSettings;
	steps: number;
	teacher: RecordedRegions;
	tracks: {
		id: StudentKind;
		status: 'done' | 'diverged';
		step: number;
		/** [step, loss] and [step, held-out accuracy] pairs. */
		losses: [number, number][];
		accuracy: [number, number][];
		regions: RecordedRegions | null;
	}[];
}

export const unpackRegions = (r: RecordedRegions): Regions => ({
	step: r.step,
	accuracy: r.accuracy,
	arm: Uint8Array.from(unpackBytes(r.arm, 0, 255)),
	sure: unpackBytes(r.sure)
});

/** True when a reader's settings are the ones recorded (the students' runs are then theirs to see). */
export const isRecordedDistill = (s: DistillSettings, recorded: RecordedDistill) => distillKey(s) === distillKey(recorded.settings);

/** The recording as the rows the live run would have at its end. */
export function recordedStudents(recorded: RecordedDistill): Track<StudentTrack>[] {
	return recorded.tracks.map((t) => {
		const losses = t.losses.map(([step, loss]) => ({ step, loss }));
		return {
			id: t.id,
			label: STUDENTS.find((s) => s.id === t.id)!.label,
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
				accuracy: t.accuracy.map(([step, accuracy]) => ({ step, accuracy })),
				regions: t.regions && unpackRegions(t.regions)
			}
		};
	});
}
