/**
 * Figure 5's live training: three runs (one per configuration) started, paused, resumed and
 * reset together as one `LiveRun`, owned by the controller. The training code (graph builder,
 * runtime, worker) is imported only when the reader presses Start.
 *
 * Each row keeps its loss curve and its latest decision boundary: the run probes the network's
 * forward graph with its current weights on a grid every few steps (boundary.ts).
 */
import type { Backend } from '$lib/onnx/backend';
import type { RunnerSnapshot } from '$lib/onnx/training/runner';
import { LiveRun } from '$lib/state/liveRun.svelte';
import { NO_LOSSES, lossesOf, trainTrack, type LossTrack } from '$lib/state/trainingTrack';
import { twoSpirals } from '$lib/datasets/spirals';
import { BOUNDARY, readBoundary, type Boundary } from './boundary';
import { LIVE, TRAIN_CONFIGS } from './trainingConfigs';

/** The settings a set of runs was started with (shown beside the curves). */
export interface RunSettings {
	depth: number;
	/** Already capped (liveWidth). */
	width: number;
	seed: number;
	backend: Backend;
}

/** One row: its loss curve and the boundary of its latest probe. */
export interface BoundaryTrack extends LossTrack {
	boundary: Boundary | null;
}

export type TrainingRun = LiveRun<RunSettings, BoundaryTrack>;

/** The training points of a run with this seed (the same draw as the training job's dataset). */
export const trainingPoints = (seed: number) => twoSpirals({ count: LIVE.examples, seed });

/** A report → the row's data; the boundary is read once per probe. */
function boundaryTrack(labels: Int32Array) {
	return (snapshot: RunnerSnapshot, previous: BoundaryTrack): BoundaryTrack => {
		const probe = snapshot.probe;
		const fresh = probe && probe.step !== previous.boundary?.step;
		return { ...lossesOf(snapshot), boundary: fresh ? readBoundary(probe.step, probe.values, BOUNDARY, labels) : previous.boundary };
	};
}

export function createTrainingRun(): TrainingRun {
	return new LiveRun<RunSettings, BoundaryTrack>({
		tracks: () => TRAIN_CONFIGS.map((config) => ({ id: config.id, label: config.label, data: { ...NO_LOSSES, boundary: null } })),
		job: async ({ depth, width, seed, backend }, run) => {
			const { liveTrainingJob } = await import('./training');
			if (!run.current) return;
			const data = boundaryTrack(trainingPoints(seed).labels);
			await Promise.all(TRAIN_CONFIGS.map((config, i) => trainTrack(run, i, liveTrainingJob(config, depth, width, seed), backend, { data })));
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
			boundaryStep: t.data.boundary?.step ?? null,
			accuracy: t.data.boundary?.accuracy ?? null,
			message: t.message
		})
	});
}
