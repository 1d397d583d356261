/**
 * Figure 6's live run, owned by the controller: figure 1's network trained with ρ of its training
 * labels redrawn, each epoch's probe scored on the kept and the redrawn labels and on the clean
 * validation set. The training code is imported only when the reader presses Start.
 */
import type { Backend } from '$lib/onnx/backend';
import type { RunnerSnapshot } from '$lib/onnx/training/runner';
import { LiveRun } from '$lib/state/liveRun.svelte';
import { trainTrack } from '$lib/state/trainingTrack';
import { splitSets } from './glyphs';
import { noisePoint, noisyLabels, type NoisePoint } from './noise';
import type { NoiseSettings } from './noiseJob';
import { stepsPerEpoch } from './settings';

export interface LiveNoiseSettings extends NoiseSettings {
	backend: Backend;
}

export interface NoiseTrack {
	points: NoisePoint[];
}

export type NoiseRun = LiveRun<LiveNoiseSettings, NoiseTrack>;

function noiseTrack(settings: NoiseSettings) {
	const { train, val } = splitSets(settings.n, settings.seed, settings.faults);
	const noisy = noisyLabels(train, settings.noise, settings.seed);
	const perEpoch = stepsPerEpoch(settings.n);
	return (snapshot: RunnerSnapshot, previous: NoiseTrack): NoiseTrack => {
		const probe = snapshot.probe;
		const epoch = probe ? probe.step / perEpoch : -1;
		if (!probe || previous.points.some((p) => p.epoch === epoch)) return previous;
		return { points: [...previous.points, noisePoint(epoch, probe.values, noisy, val.labels)] };
	};
}

export function createNoiseRun(): NoiseRun {
	return new LiveRun<LiveNoiseSettings, NoiseTrack>({
		tracks: () => [{ id: 'noise', label: 'label noise', data: { points: [] } }],
		job: async (settings, run) => {
			const { noiseJob } = await import('./noiseJob');
			if (!run.current) return;
			await trainTrack(run, 0, noiseJob(settings), settings.backend, { data: noiseTrack(settings) });
		}
	});
}
