/**
 * Figure 3's live sweep: six runs of gradient descent on the spiral MLP, one per rate, started,
 * paused and reset together as one `LiveRun` owned by the controller. The training code (graph
 * builder, runtime, worker) is imported when the reader presses Start.
 */
import type { Backend } from '$lib/onnx/backend';
import { formatNumber } from '$lib/format';
import { LiveRun } from '$lib/state/liveRun.svelte';
import { NO_LOSSES, lossesOf, trainTrack, type LossTrack } from '$lib/state/trainingTrack';
import { SWEEP_RATES } from './rateSweep';

export interface SweepSettings {
	backend: Backend;
}

export interface SweepTrack extends LossTrack {
	rate: number;
}

export type SweepRun = LiveRun<SweepSettings, SweepTrack>;

export const rateLabel = (rate: number) => `η = ${formatNumber(rate, 2)}`;

export function createSweepRun(): SweepRun {
	return new LiveRun<SweepSettings, SweepTrack>({
		tracks: () => SWEEP_RATES.map((rate, i) => ({ id: `rate-${i}`, label: rateLabel(rate), data: { ...NO_LOSSES, rate } })),
		job: async ({ backend }, run) => {
			const { sweepJob } = await import('./sweepJob');
			if (!run.current) return;
			await Promise.all(
				SWEEP_RATES.map((rate, i) => trainTrack(run, i, sweepJob(rate), backend, { data: (snapshot) => ({ ...lossesOf(snapshot), rate }) }))
			);
		},
		// What the e2e tests and the benchmark read on window.__vlabTraining.
		summarize: (t) => ({ id: t.id, rate: t.data.rate, status: t.status, thread: t.thread, steps: t.step, firstLoss: t.data.firstLoss, lastLoss: t.data.lastLoss, message: t.message })
	});
}
