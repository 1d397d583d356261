/**
 * Figure 6's "one real step" as a `LiveRun` the controller owns: the figure's graph run by ONNX
 * Runtime in the training worker (graphStepJob.ts). The runtime and the training code load when
 * the reader presses Run, never with the page: the rest of the lab is formulas.
 */
import { LiveRun } from '$lib/state/liveRun.svelte';
import { NO_LOSSES, lossesOf, trainTrack, type LossTrack } from '$lib/state/trainingTrack';
import type { GraphModel } from './graphMemory';

export interface GraphStepSettings {
	model: GraphModel;
	seed: number;
}

export type GraphStepRun = LiveRun<GraphStepSettings, LossTrack>;

export function createGraphStepRun(): GraphStepRun {
	return new LiveRun<GraphStepSettings, LossTrack>({
		tracks: () => [{ id: 'step', label: 'one training step', data: NO_LOSSES }],
		job: async ({ model, seed }, run) => {
			const { graphStepJob } = await import('./graphStepJob');
			if (!run.current) return;
			await trainTrack(run, 0, graphStepJob(model, seed), 'wasm', { data: lossesOf });
		},
		// What the e2e tests read on window.__vlabTraining.
		summarize: (t) => ({ id: t.id, status: t.status, thread: t.thread, steps: t.step, losses: t.data.losses.map((p) => p.loss), message: t.message })
	});
}
