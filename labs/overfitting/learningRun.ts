/**
 * Figure 5's live run, owned by the controller: figure 1's network (with the page's fixes) trained
 * once per (n, width) of curveRuns and seed, one after another, each read by its probe only at the end of
 * training (a reading every epoch would cost the largest n as much again), or with early stopping
 * every epoch and read at the restored one. The training code is imported on Start.
 */
import { LiveRun } from '$lib/state/liveRun.svelte';
import { trainTrack } from '$lib/state/trainingTrack';
import { epochPoint, type EpochPoint } from './curves';
import { earlyStop } from './fixes';
import { splitSets } from './glyphs';
import { curvePoint, curveRepeats, type CurvePoint } from './learningCurves';
import { stepsPerEpoch, stopPatience } from './settings';
import type { LiveSettings } from './trainingRun';

/** The page's settings; n is each run's own, and each (n, width) runs `seeds` times (seed, seed + 1, …). */
export type CurveSettings = Omit<LiveSettings, 'n'> & { seeds: number };

export interface CurveTrack {
	/** The reading at the end of training, or with early stopping at the restored epoch (null until then, or diverged). */
	point: CurvePoint | null;
	/** Every epoch's reading, kept only with early stopping (which needs the curve). */
	epochs: EpochPoint[];
}

export type CurveRun = LiveRun<CurveSettings, CurveTrack>;

export function createCurveRun(): CurveRun {
	return new LiveRun<CurveSettings, CurveTrack>({
		tracks: (settings) =>
			(settings ? curveRepeats(settings.width, settings.seeds) : []).map(({ n, width, repeat }) => ({
				id: `n${n}-w${width}-s${repeat}`,
				label: `n = ${n}, width ${width}, seed ${settings!.seed + repeat}`,
				data: { point: null, epochs: [] }
			})),
		job: async (settings, run) => {
			const { runJob } = await import('./runJob');
			const patience = stopPatience(settings);
			// One at a time: two runs sharing the worker would only finish later together.
			for (const [i, { n, width, repeat }] of curveRepeats(settings.width, settings.seeds).entries()) {
				if (!run.current) return;
				const one = { ...settings, n, width, seed: settings.seed + repeat };
				const perEpoch = stepsPerEpoch(n);
				// Read once at the end; early stopping reads every epoch, to find where to stop.
				const probeAt = patience === null ? [settings.epochs * perEpoch] : Array.from({ length: settings.epochs + 1 }, (_, e) => e * perEpoch);
				const { train, val } = splitSets(n, one.seed, settings.faults);
				const { last } = await trainTrack(run, i, runJob(one, probeAt), settings.backend, {
					data: (snapshot, previous) => {
						const probe = snapshot.probe;
						const epoch = probe ? probe.step / perEpoch : -1;
						if (!probe || previous.epochs.some((e) => e.epoch === epoch) || (patience === null && epoch !== settings.epochs)) return previous;
						const reading = epochPoint(epoch, probe.values, train.labels, val.labels);
						const epochs = patience === null ? [] : [...previous.epochs, reading];
						if (epoch !== settings.epochs) return { point: null, epochs };
						const at = patience === null ? reading : restored(epochs, patience);
						return { point: at ? curvePoint(n, width, at.trainAcc, at.valAcc) : null, epochs };
					}
				});
				if (last.status === 'cancelled' || last.status === 'error') return;
			}
		},
		summarize: (t) => ({ id: t.id, status: t.status, thread: t.thread, steps: t.step, point: t.data.point, message: t.message })
	});
}

/** Early stopping's restored weights: the reading at its best epoch (null if none was finite). */
function restored(points: readonly EpochPoint[], patience: number): EpochPoint | null {
	const stopped = earlyStop(points, patience);
	return stopped ? (points.find((p) => p.epoch === stopped.bestEpoch) ?? null) : null;
}
