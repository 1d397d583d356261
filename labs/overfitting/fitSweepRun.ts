/**
 * Figure 6's sweep, owned by the controller: the label-noise run of figure 6 at each ρ of
 * FIT_RHOS, one after another, each read every epoch and stopped as soon as its training accuracy
 * reaches 100% (the later epochs add nothing to this chart). The training code loads on Start.
 */
import { LiveRun } from '$lib/state/liveRun.svelte';
import { trainTrack } from '$lib/state/trainingTrack';
import { FIT_RHOS } from './fitSweep';
import { splitSets } from './glyphs';
import { fitsAll, noisePoint, noisyLabels } from './noise';
import { stepsPerEpoch } from './settings';
import type { LiveSettings } from './trainingRun';

export interface FitTrack {
	/** The epoch training accuracy first reached 100% (null: not yet, or never). */
	fit: number | null;
	/** The last epoch read. */
	epoch: number;
}

export type FitSweepRun = LiveRun<LiveSettings, FitTrack>;

export function createFitSweepRun(): FitSweepRun {
	return new LiveRun<LiveSettings, FitTrack>({
		tracks: () => FIT_RHOS.map((rho) => ({ id: `rho${rho}`, label: `ρ = ${rho}`, data: { fit: null, epoch: -1 } })),
		job: async (settings, run) => {
			const { noiseJob } = await import('./noiseJob');
			const perEpoch = stepsPerEpoch(settings.n);
			const { train, val } = splitSets(settings.n, settings.seed, settings.faults);
			for (const [i, rho] of FIT_RHOS.entries()) {
				if (!run.current) return;
				const noisy = noisyLabels(train, rho, settings.seed);
				let stopping = false;
				const { last } = await trainTrack(run, i, noiseJob({ ...settings, noise: rho }), settings.backend, {
					data: (snapshot, previous) => {
						const probe = snapshot.probe;
						const epoch = probe ? probe.step / perEpoch : -1;
						if (!probe || epoch <= previous.epoch || previous.fit !== null) return previous;
						const fitted = fitsAll(noisePoint(epoch, probe.values, noisy, val.labels));
						return { fit: fitted ? epoch : null, epoch };
					},
					// Fitted: this run's point is known, so it stops here.
					// Once: the runner reports its cancel at once, and that report comes back here.
					onReport: (_, runner) => {
						if (stopping || run.track(i).data.fit === null) return;
						stopping = true;
						runner.cancel();
					}
				});
				if (!run.current) return;
				if (run.track(i).data.fit !== null) run.update(i, { status: 'done' });
				else if (last.status !== 'done') return; // cancelled by the reader, diverged or failed
			}
		},
		summarize: (t) => ({ id: t.id, status: t.status, thread: t.thread, steps: t.step, fit: t.data.fit, epoch: t.data.epoch, message: t.message })
	});
}
