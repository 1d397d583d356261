/**
 * Figure 5's live measurement (pruneAccuracy.ts): the sweep's model runs the first time for a task,
 * then one run per method and fraction. One `LiveRun` owned by the controller; the figure starts it
 * when its settings differ from the ones on show, after the lab is ready, so the lab's readiness
 * and the other figures never wait for it. The model code is imported on start.
 */
import type { Backend } from '$lib/onnx/backend';
import { LiveRun } from '$lib/state/liveRun.svelte';
import type { StateOf } from '$lib/state/schema';
import type { QuantizationSchema } from './lab';
import type { PruneResult, PruneSettings } from './pruneAccuracy';

export interface PruneRunSettings extends PruneSettings {
	backend: Backend;
}

export type PruneRun = LiveRun<PruneRunSettings, null, PruneResult>;

export function pruneSettingsOf(state: StateOf<QuantizationSchema>, backend: Backend): PruneRunSettings {
	return { task: state.task, method: state.prune, sparsity: state.sparsity, backend };
}

/** Equal for two settings that give the same measurement. */
export const pruneKey = (s: Omit<PruneSettings, 'backend'>) => [s.task, s.method, s.sparsity].join(':');

export function createPruneRun(): PruneRun {
	return new LiveRun<PruneRunSettings, null, PruneResult>({
		tracks: () => [{ id: 'pruning', label: 'pruning measurement', data: null, maxSteps: 1 }],
		job: async (settings, run) => {
			const [{ weightsOf }, { measurePruning, pruneReports }] = await Promise.all([import('./compute'), import('./pruneAccuracy')]);
			const weights = await weightsOf(settings.task);
			if (!run.current) return;
			run.update(0, { status: 'running', thread: 'page', maxSteps: pruneReports(weights, settings.task, settings.backend) });
			await measurePruning(weights, settings, settings.backend, (partial, runs) => {
				run.setResult(partial);
				run.update(0, { step: runs });
				return run.current;
			});
		}
	});
}
