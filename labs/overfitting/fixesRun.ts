/**
 * Figure 4's live run, owned by the controller: the baseline and one run per fix side by side
 * (rows take turns step by step on the page's backend), each read from its probe every epoch,
 * and each repeated `seeds` times (seed, seed + 1, …: new data, initial weights and batch order).
 */
import type { RunnerSnapshot } from '$lib/onnx/training/runner';
import { LiveRun } from '$lib/state/liveRun.svelte';
import { trainTrack } from '$lib/state/trainingTrack';
import { epochPoint, type EpochPoint } from './curves';
import { FIX_LABELS, valLossSE, type FixStrengths } from './fixes';
import { TRAINED, type Trained } from './trainedRuns';
import { CLASSES, splitSets } from './glyphs';
import { stepsPerEpoch } from './settings';
import type { LiveSettings } from './trainingRun';

/** An epoch's reading with the validation loss's standard error over the validation images. */
export interface FixPoint extends EpochPoint {
	valSE: number;
}

export interface FixTrack {
	points: FixPoint[];
}

export type FixSettings = Omit<LiveSettings, 'epochs'> & { strengths: FixStrengths; seeds: number };
export type FixesRun = LiveRun<FixSettings, FixTrack>;

export const runLabel = (run: Trained) => (run === 'baseline' ? 'baseline' : run === 'all' ? 'all at once' : FIX_LABELS[run]);

/** Every track: each trained run `seeds` times, the k-th from seed + k (the first keeps the run's own id). */
export const fixRepeats = (seeds: number) =>
	TRAINED.flatMap((run) => Array.from({ length: seeds }, (_, repeat) => ({ run, repeat, id: repeat === 0 ? run : `${run}-s${repeat}` })));

/** The trained run a track repeats (its id without the repeat). */
export const trainedOf = (trackId: string) => trackId.replace(/-s\d+$/, '') as Trained;

function fixTrack(settings: FixSettings) {
	const { train, val } = splitSets(settings.n, settings.seed, settings.faults);
	const perEpoch = stepsPerEpoch(settings.n);
	return (snapshot: RunnerSnapshot, previous: FixTrack): FixTrack => {
		const probe = snapshot.probe;
		const epoch = probe ? probe.step / perEpoch : -1;
		if (!probe || previous.points.some((p) => p.epoch === epoch)) return previous;
		const point = { ...epochPoint(epoch, probe.values, train.labels, val.labels), valSE: valLossSE(probe.values, val.labels, train.count, CLASSES) };
		return { points: [...previous.points, point] };
	};
}

export function createFixesRun(): FixesRun {
	return new LiveRun<FixSettings, FixTrack>({
		tracks: (settings) =>
			fixRepeats(settings?.seeds ?? 1).map(({ run, repeat, id }) => ({
				id,
				label: repeat === 0 ? runLabel(run) : `${runLabel(run)}, seed ${settings!.seed + repeat}`,
				data: { points: [] }
			})),
		job: async (settings, run) => {
			const { fixJob } = await import('./fixRuns');
			if (!run.current) return;
			// Each repeat's data set is drawn once, for its six runs.
			const repeats = Array.from({ length: settings.seeds }, (_, repeat) => {
				const one = { ...settings, seed: settings.seed + repeat };
				return { one, data: fixTrack(one) };
			});
			await Promise.all(
				fixRepeats(settings.seeds).map(({ run: trained, repeat }, i) => {
					const { one, data } = repeats[repeat];
					return trainTrack(run, i, fixJob(trained, one, settings.strengths), settings.backend, { data });
				})
			);
		},
		summarize: (t) => ({ id: t.id, status: t.status, thread: t.thread, steps: t.step, epochs: t.data.points.length, last: t.data.points.at(-1) ?? null, message: t.message })
	});
}
