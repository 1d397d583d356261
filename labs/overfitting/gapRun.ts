/**
 * Figure 3's live run, owned by the controller: figure 1's network and job at each of GAP_WIDTHS,
 * trained one after another (narrowest first, so points land early), each read from its probe
 * every epoch. The training code is imported only when the reader presses Start.
 */
import { LiveRun } from '$lib/state/liveRun.svelte';
import { trainTrack } from '$lib/state/trainingTrack';
import { GAP_WIDTHS } from './gapTiming';
import { epochTrack, type LiveSettings, type SymptomTrack } from './trainingRun';

/** The page's settings; the width is each run's own. */
export type GapSettings = Omit<LiveSettings, 'width'>;
export type GapRun = LiveRun<GapSettings, SymptomTrack>;

export function createGapRun(): GapRun {
	return new LiveRun<GapSettings, SymptomTrack>({
		tracks: () => GAP_WIDTHS.map((width) => ({ id: `w${width}`, label: `width ${width}`, data: { points: [] } })),
		job: async (settings, run) => {
			const { runJob } = await import('./runJob');
			// One at a time: two runs sharing the worker would only finish later together.
			for (const [i, width] of GAP_WIDTHS.entries()) {
				if (!run.current) return;
				const one = { ...settings, width };
				const { last } = await trainTrack(run, i, runJob(one), settings.backend, { data: epochTrack(one) });
				if (last.status === 'cancelled' || last.status === 'error') return;
			}
		},
		summarize: (t) => ({ id: t.id, status: t.status, thread: t.thread, steps: t.step, epochs: t.data.points.length, last: t.data.points.at(-1) ?? null, message: t.message })
	});
}
