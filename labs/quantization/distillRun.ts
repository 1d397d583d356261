/**
 * Figure 6's live training: two students (hard labels, the teacher's soft targets) started,
 * paused, resumed and reset together as one `LiveRun`, owned by the controller. The training
 * code (graph builder, runtime, worker) is imported only when the reader presses Start.
 *
 * Each row keeps its loss curve, its held-out accuracy at every probe and its latest regions.
 */
import type { Backend } from '$lib/onnx/backend';
import type { RunnerSnapshot } from '$lib/onnx/training/runner';
import { LiveRun } from '$lib/state/liveRun.svelte';
import type { StateOf } from '$lib/state/schema';
import { NO_LOSSES, lossesOf, trainTrack, type LossTrack } from '$lib/state/trainingTrack';
import { readRegions, type Regions } from './distillRegions';
import { heldOutPoints, labelledPoints, type DistillSettings, type StudentKind } from './distillConfig';
import type { QuantizationSchema } from './lab';

export interface DistillRunSettings extends DistillSettings {
	backend: Backend;
}

export interface StudentTrack extends LossTrack {
	/** Held-out accuracy at each probe so far. */
	accuracy: { step: number; accuracy: number }[];
	regions: Regions | null;
}

export type DistillRun = LiveRun<DistillRunSettings, StudentTrack>;

export const STUDENTS: readonly { id: StudentKind; label: string }[] = [
	{ id: 'hard', label: 'student, hard labels' },
	{ id: 'soft', label: 'student, soft targets' }
];

export function distillSettingsOf(state: StateOf<QuantizationSchema>, backend: Backend): DistillRunSettings {
	return { labels: state.labels, T: state.T, alpha: state.kdalpha, seed: state.seed, backend };
}

/** Equal for two settings that train the same students. */
export const distillKey = (s: DistillSettings) => [s.labels, s.T, s.alpha, s.seed].join(':');

export const NO_STUDENT: StudentTrack = { ...NO_LOSSES, accuracy: [], regions: null };

/** A report → the row's data; the probe is read once per step it was taken at. */
function studentTrack(heldOutLabels: Int32Array) {
	return (snapshot: RunnerSnapshot, previous: StudentTrack): StudentTrack => {
		const probe = snapshot.probe;
		if (!probe || probe.step === previous.regions?.step) return { ...previous, ...lossesOf(snapshot) };
		const regions = readRegions(probe.step, probe.values, heldOutLabels);
		return { ...lossesOf(snapshot), regions, accuracy: [...previous.accuracy, { step: probe.step, accuracy: regions.accuracy }] };
	};
}

export function createDistillRun(): DistillRun {
	return new LiveRun<DistillRunSettings, StudentTrack>({
		tracks: () => STUDENTS.map((s) => ({ id: s.id, label: s.label, data: NO_STUDENT })),
		job: async (settings, run) => {
			const [{ studentJob }, { teacherLogits }] = await Promise.all([import('./distill'), import('./teacherView')]);
			if (!run.current) return;
			const targets = await teacherLogits(settings.backend, labelledPoints(settings.labels, settings.seed).points);
			if (!run.current) return;
			const data = studentTrack(heldOutPoints().labels);
			await Promise.all(STUDENTS.map((s, i) => trainTrack(run, i, studentJob(s.id, settings, s.id === 'soft' ? targets : null), settings.backend, { data })));
		},
		// What the e2e tests and the benchmark read on window.__vlabTraining.
		summarize: (t) => ({
			id: t.id,
			status: t.status,
			thread: t.thread,
			steps: t.step,
			firstLoss: t.data.firstLoss,
			lastLoss: t.data.lastLoss,
			losses: t.data.losses,
			accuracy: t.data.regions?.accuracy ?? null,
			message: t.message
		})
	});
}
