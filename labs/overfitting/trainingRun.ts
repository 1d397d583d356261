/**
 * Figure 1's live run, owned by the controller: one network trained on the current settings, its
 * loss and accuracy on both sets read from the probe after every epoch. The training code
 * (graph builder, runtime, worker) is imported only when the reader presses Start.
 */
import type { Backend } from '$lib/onnx/backend';
import type { RunnerSnapshot } from '$lib/onnx/training/runner';
import { LiveRun } from '$lib/state/liveRun.svelte';
import { trainTrack } from '$lib/state/trainingTrack';
import { epochPoint, type EpochPoint } from './curves';
import { splitSets } from './glyphs';
import { stepsPerEpoch, type RunSettings } from './settings';

export interface LiveSettings extends RunSettings {
	backend: Backend;
}

export interface SymptomTrack {
	points: EpochPoint[];
}

export type SymptomRun = LiveRun<LiveSettings, SymptomTrack>;

/** Reports → the epoch points, each probe read once (the report carries only new readings). */
export function epochTrack(settings: RunSettings) {
	const { train, val } = splitSets(settings.n, settings.seed, settings.faults);
	const perEpoch = stepsPerEpoch(settings.n);
	return (snapshot: RunnerSnapshot, previous: SymptomTrack): SymptomTrack => {
		const probe = snapshot.probe;
		const epoch = probe ? probe.step / perEpoch : -1;
		if (!probe || previous.points.some((p) => p.epoch === epoch)) return previous;
		return { points: [...previous.points, epochPoint(epoch, probe.values, train.labels, val.labels)] };
	};
}

export function createSymptomRun(): SymptomRun {
	return new LiveRun<LiveSettings, SymptomTrack>({
		tracks: () => [{ id: 'baseline', label: 'baseline', data: { points: [] } }],
		job: async (settings, run) => {
			const { runJob } = await import('./runJob');
			if (!run.current) return;
			await trainTrack(run, 0, runJob(settings), settings.backend, { data: epochTrack(settings) });
		},
		// What the e2e tests and the benchmark read on window.__vlabTraining.
		summarize: (t) => ({
			id: t.id,
			status: t.status,
			thread: t.thread,
			steps: t.step,
			epochs: t.data.points.length,
			last: t.data.points.at(-1) ?? null,
			message: t.message
		})
	});
}
