/**
 * A lab's model calls (sessions and runs), with the runtime module (runtime.ts, and the code it
 * brings: the session caches, the fault time-outs, the run queue) imported on first use, not with
 * the lab's page: a page showing the build's numbers needs none of it until the runtime starts.
 */
import type { Backend } from './backend';
import type { Feeds, Outputs, Session } from './runtime';

export type { Feed, Feeds, Outputs, Session } from './runtime';

const runtime = () => import('$lib/onnx/runtime');

/** runtime.ts's getSession: one session per (backend, model key). */
export async function getSession(backend: Backend, key: string, bytes: () => Uint8Array | Promise<Uint8Array>): Promise<Session> {
	return (await runtime()).getSession(backend, key, bytes);
}

/** runtime.ts's runSession. */
export async function runSession(session: Session, feeds: Feeds): Promise<Outputs> {
	return (await runtime()).runSession(session, feeds);
}

/** runtime.ts's runSessionTimed: the outputs, and the run's own duration in ms. */
export async function runSessionTimed(session: Session, feeds: Feeds): Promise<{ outputs: Outputs; ms: number }> {
	return (await runtime()).runSessionTimed(session, feeds);
}
