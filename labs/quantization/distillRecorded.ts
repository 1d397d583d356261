/**
 * Figure 6's build-time recording as the figure reads it (recorded/distill.json, made by
 * `npm run record` with distillRecording.ts): the teacher's regions, and one run of both students
 * at the default settings, shown until the reader presses Start, and the students only while
 * the reader's settings are the recorded ones.
 */
import type { Track } from '$lib/state/liveRun.svelte';
import type { DistillSettings, StudentKind } from './distillConfig';
import type { Regions } from './distillRegions';
import { STUDENTS, distillKey, type StudentTrack } from './distillRun';
import { unpackTints } from './tintLevels';

export interface RecordedRegions {
	step: number;
	accuracy: number;
	/** Per cell, its arm and the step of opacity it is drawn at (tintLevels.ts). */
	tints: string;
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

/** The regions as the figure draws them (each cell's sureness rounded to its tint step). */
export const unpackRegions = (r: RecordedRegions): Regions => ({ step: r.step, accuracy: r.accuracy, ...unpackTints(r.tints) });

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
