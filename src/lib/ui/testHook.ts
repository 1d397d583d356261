/**
 * `window.__vlab`: a read-mostly view of the running lab for the e2e tests and the benchmark
 * (status, backend, timings, the numbers the figures drew). Readers never need it.
 */
import type { AnyController } from '$lib/state/context';

export function exposeTestHook(controller: AnyController): void {
	const hook = {
		get status() {
			return controller.status;
		},
		get backend() {
			return controller.backend;
		},
		get runs() {
			return controller.runs;
		},
		get lastRunMs() {
			return controller.lastRunMs;
		},
		get firstDrawnAt() {
			return controller.firstDrawnAt;
		},
		get lastDrawnAt() {
			return controller.lastDrawnAt;
		},
		get results() {
			return controller.results;
		},
		get state() {
			return { ...controller.state };
		},
		setState(patch: Record<string, unknown>) {
			controller.setChecked(patch);
		}
	};
	(globalThis as { __vlab?: typeof hook }).__vlab = hook;
}
