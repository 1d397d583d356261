/**
 * Figure 3's live measurement: 3 to 5 model runs (outlierAccuracy.ts), one `LiveRun` owned by the
 * controller. The figure starts it when its settings differ from the ones on show, so the lab's
 * readiness and the other figures never wait for it. The model code is imported on start.
 */
import type { Backend } from '$lib/onnx/backend';
import { LiveRun } from '$lib/state/liveRun.svelte';
import type { StateOf } from '$lib/state/schema';
import type { QuantizationSchema } from './lab';
import type { OutlierResult, OutlierSettings } from './outlierAccuracy';

export interface OutlierRunSettings extends OutlierSettings {
	backend: Backend;
}

export type OutlierRun = LiveRun<OutlierRunSettings, null, OutlierResult>;

/** The measurement a page state asks for; α only counts for SmoothQuant. */
export function outlierSettingsOf(state: StateOf<QuantizationSchema>, backend: Backend): OutlierRunSettings {
	return { task: state.task, c: state.outlier, fix: state.fix, alpha: state.fix === 'smooth' ? state.alpha : 0.5, backend };
}

/** Equal for two settings that give the same measurement. */
export const outlierKey = (s: Omit<OutlierSettings, 'backend'>) => [s.task, s.c, s.fix, s.fix === 'smooth' ? s.alpha : ''].join(':');

/** Model runs of one measurement: probes, float, W8A8, and the remedy's (SmoothQuant probes again). */
export const outlierRuns = (fix: OutlierSettings['fix']) => (fix === 'none' ? 3 : fix === 'smooth' ? 5 : 4);

export function createOutlierRun(): OutlierRun {
	return new LiveRun<OutlierRunSettings, null, OutlierResult>({
		tracks: (settings) => [{ id: 'outlier', label: 'outlier measurement', data: null, maxSteps: settings ? outlierRuns(settings.fix) : 0 }],
		job: async (settings, run) => {
			const [{ weightsOf }, { measureOutlier }] = await Promise.all([import('./compute'), import('./outlierAccuracy')]);
			const weights = await weightsOf(settings.task);
			if (!run.current) return;
			run.update(0, { status: 'running', thread: 'page' });
			await measureOutlier(weights, settings, settings.backend, (partial, runs) => {
				run.setResult(partial);
				run.update(0, { step: runs });
				return run.current;
			});
		}
	});
}
