/**
 * The sessions the page's runtime holds, for the `?debug=memory` readout (BackendStatus), without
 * importing the runtime: runtime.ts reports here once it has loaded; before that there are none.
 */
import type { Backend } from './backend';

export type SessionStats = Partial<Record<Backend, { sessions: number; bytes: number; releasing: number }>>;

const listeners = new Set<() => void>();
let source: () => SessionStats = () => ({});

/** Called by runtime.ts as it loads: where the stats come from. */
export function reportSessionsFrom(stats: () => SessionStats): void {
	source = stats;
}

/** Called by runtime.ts whenever its held sessions change. */
export function sessionsChanged(): void {
	listeners.forEach((listener) => listener());
}

/** The sessions held per backend and their estimated bytes. */
export function sessionStats(): SessionStats {
	return source();
}

/** Calls `listener` whenever the held sessions change; returns the unsubscribe. */
export function onSessionsChange(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
