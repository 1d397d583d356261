/**
 * A lab's model calls (sessions and runs), with the runtime module (runtime.ts, and the code it
 * brings: the session caches, the fault time-outs, the run queue) imported on first use, not with
 * the lab's page: a page showing the build's numbers needs none of it until the runtime starts.
 */
import type { Backend } from './backend';
import type { Feeds, Outputs, Session } from './runtime';

export type { Feed, Feeds, Outputs, Session } from './runtime';

type Runtime = typeof import('$lib/onnx/runtime');

/**
 * The module once imported. Kept, not imported again on each call: Chromium settles every
 * `import()` in a task of its own, even of a module it has, and a redraw makes many runs (the
 * normalization lab's median change → redraw went from 17 to 40 ms with one per run).
 */
let loaded: Runtime | undefined;

/** The runtime module, imported on the first call (for the page's other callers too: shipped.ts). */
export const runtime = async (): Promise<Runtime> => (loaded ??= await import('$lib/onnx/runtime'));

/** runtime.ts's getSession: one session per (backend, model key). */
export async function getSession(backend: Backend, key: string, bytes: () => Uint8Array | Promise<Uint8Array>): Promise<Session> {
	return (loaded ?? (await runtime())).getSession(backend, key, bytes);
}

/** runtime.ts's runSession. */
export async function runSession(session: Session, feeds: Feeds, fetches?: readonly string[]): Promise<Outputs> {
	return (loaded ?? (await runtime())).runSession(session, feeds, fetches);
}

/** runtime.ts's runSessionTimed: the outputs, and the run's own duration in ms. */
export async function runSessionTimed(session: Session, feeds: Feeds): Promise<{ outputs: Outputs; ms: number }> {
	return (loaded ?? (await runtime())).runSessionTimed(session, feeds);
}
