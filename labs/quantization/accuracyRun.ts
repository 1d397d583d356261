/**
 * Figure 2's live sweep: 17 model runs of the transformer (24 with activations on),
 * one `LiveRun` owned by the controller and started by the reader's Run button, so the lab's
 * readiness and figure 1 never wait for it. Each run's count lands in the figure as it comes.
 * The model code is imported when the reader presses Run.
 */
import type { Backend } from '$lib/onnx/backend';
import { LiveRun } from '$lib/state/liveRun.svelte';
import type { StateOf } from '$lib/state/schema';
import type { Task } from '$labs/attention-heatmaps/tasks';
import type { AccuracySweep, SweepSettings } from './accuracy';
import type { QuantizationSchema } from './lab';
import { BITS } from './weightFormats';

export interface AccuracyRunSettings extends SweepSettings {
	task: Task;
	backend: Backend;
}

export type AccuracyRun = LiveRun<AccuracyRunSettings, null, AccuracySweep>;

/** The sweep a page state asks for (weight bits and the tensor do not change it). */
export function sweepSettingsOf(state: StateOf<QuantizationSchema>, backend: Backend): AccuracyRunSettings {
	const act = state.abits === 'off' ? null : { bits: Number(state.abits), calib: state.calib, pct: state.pct };
	return { task: state.task, scheme: state.scheme, emb: state.emb, gran: state.gran, act, backend };
}

/** Equal for two settings that give the same sweep: granularity and percentile count only where they are used. */
export const sweepKey = (s: Omit<AccuracyRunSettings, 'backend'>) =>
	[s.task, s.scheme, s.emb, s.act ? [s.gran, s.act.bits, s.act.calib, s.act.calib === 'pct' ? s.act.pct : ''].join(',') : 'w'].join(':');

/** Model runs in one sweep: the float model, fp16 and bf16, both granularities at each b, and W+A at each b. */
export const sweepRuns = (s: Pick<SweepSettings, 'act'>) => 3 + BITS.length * (s.act ? 3 : 2);

export function createAccuracyRun(): AccuracyRun {
	return new LiveRun<AccuracyRunSettings, null, AccuracySweep>({
		tracks: (settings) => [{ id: 'sweep', label: 'accuracy sweep', data: null, maxSteps: settings ? sweepRuns(settings) : 0 }],
		job: async (settings, run) => {
			const [{ weightsOf }, { accuracySweep }] = await Promise.all([import('./compute'), import('./accuracy')]);
			const weights = await weightsOf(settings.task);
			if (!run.current) return;
			run.update(0, { status: 'running', thread: 'page' });
			await accuracySweep(settings.task, weights, settings, settings.backend, (partial, runs) => {
				run.setResult(partial);
				run.update(0, { step: runs });
				return run.current; // false after Stop, a newer Run or a reset: the sweep ends there
			});
		}
	});
}
