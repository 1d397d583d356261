/**
 * Figure 5's live training: three runs (one per configuration) started, paused, resumed and
 * reset together as one `LiveRun`, owned by the controller. The training code (graph builder,
 * runtime, worker) is imported only when the reader presses Start.
 */
import type { Backend } from '$lib/onnx/backend';
import { LiveRun } from '$lib/state/liveRun.svelte';
import { NO_LOSSES, lossesOf, trainTrack, type LossTrack } from '$lib/state/trainingTrack';
import { TRAIN_CONFIGS } from './trainingConfigs';

/** The settings a set of runs was started with (shown beside the curves). */
export interface RunSettings {
	depth: number;
	/** Already capped (liveWidth). */
	width: number;
	seed: number;
	backend: Backend;
}

export type TrainingRun = LiveRun<RunSettings, LossTrack>;

export function createTrainingRun(): TrainingRun {
	return new LiveRun<RunSettings, LossTrack>({
		tracks: () => TRAIN_CONFIGS.map((config) => ({ id: config.id, label: config.label, data: NO_LOSSES })),
		job: async ({ depth, width, seed, backend }, run) => {
			const { liveTrainingJob } = await import('./training');
			if (!run.current) return;
			await Promise.all(TRAIN_CONFIGS.map((config, i) => trainTrack(run, i, liveTrainingJob(config, depth, width, seed), backend, { data: lossesOf })));
		},
		// What the e2e tests and the benchmark read on window.__vlabTraining.
		summarize: (t) => ({
			id: t.id,
			status: t.status,
			thread: t.thread,
			steps: t.step,
			firstLoss: t.data.firstLoss,
			lastLoss: t.data.lastLoss,
			message: t.message
		})
	});
}
