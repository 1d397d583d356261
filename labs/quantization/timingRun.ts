/**
 * The pruning figure's timing (matmulTiming.ts) as a `LiveRun` the controller owns: started by the
 * reader's press, on the lab's backend, one row whose steps are the timed runs. The graphs and the
 * timing code are imported on start.
 */
import type { Backend } from '$lib/onnx/backend';
import { LiveRun } from '$lib/state/liveRun.svelte';
import type { TimingResult } from './matmulTiming';

export type TimingRun = LiveRun<Backend, null, TimingResult>;

export function createTimingRun(): TimingRun {
	return new LiveRun<Backend, null, TimingResult>({
		tracks: () => [{ id: 'timing', label: 'layer timing', data: null, maxSteps: 1 }],
		job: async (backend, run) => {
			const { timeLayers } = await import('./matmulTiming');
			if (!run.current) return;
			run.update(0, { status: 'running', thread: 'page' });
			const result = await timeLayers(backend, (done, total) => {
				run.update(0, { step: done, maxSteps: total });
				return run.current;
			});
			if (result) run.setResult(result);
		}
	});
}
