/**
 * `window.__vlab`: a read-mostly view of the running lab for the e2e tests and the benchmark
 * (status, backend, timings, the numbers the figures drew). Readers never need it.
 */
import type { AnyController } from '$lib/state/context';

/** Controller fields the hook reads afresh on every access. */
const LIVE_FIELDS = ['status', 'backend', 'runs', 'lastRunMs', 'firstDrawnAt', 'lastDrawnAt', 'results', 'resultsFor', 'source', 'laterPending'] as const;

type TestHook = Readonly<Pick<AnyController, (typeof LIVE_FIELDS)[number]>> & {
	/** A copy of the URL state, so a test cannot change it behind the controller's back. */
	readonly state: AnyController['state'];
	setState(patch: Record<string, unknown>): void;
};

export function exposeTestHook(controller: AnyController): void {
	const hook = {
		get state() {
			return { ...controller.state };
		},
		setState(patch: Record<string, unknown>) {
			controller.setChecked(patch);
		}
	} as TestHook;
	for (const key of LIVE_FIELDS) Object.defineProperty(hook, key, { get: () => controller[key], enumerable: true });
	(globalThis as { __vlab?: TestHook }).__vlab = hook;
}
