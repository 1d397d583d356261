/**
 * Time-outs for the runtime's slow steps (a model download, loading the runtime, building a
 * session), and the error they raise. A step that never answers must not leave the page at
 * "loading…" forever: after its time-out the reader gets a message naming what failed and a
 * Retry button.
 *
 * The time-outs are generous for readers; the e2e tests shorten them by setting
 * `window.__vlabTimeouts` before the page loads (readers never do).
 */

/** What a fault is about: the message names it, and only a backend fault warrants a fallback. */
export type FaultPart = 'model' | 'runtime' | 'backend';

export interface Timeouts {
	/** One shipped model's download. */
	model: number;
	/** The runtime's script and its WebAssembly module, up to the first session. */
	runtime: number;
	/** Building one session once the runtime is loaded. */
	session: number;
}

const DEFAULT_TIMEOUTS: Timeouts = { model: 45_000, runtime: 60_000, session: 45_000 };

/** The time-outs in force: the defaults, or a test's shorter ones from `window.__vlabTimeouts`. */
export function timeouts(): Timeouts {
	const override = (globalThis as { __vlabTimeouts?: Partial<Timeouts> }).__vlabTimeouts;
	return { ...DEFAULT_TIMEOUTS, ...(override ?? {}) };
}

/** A failure the reader can act on: `message` is already a sentence for them. */
export class LabFault extends Error {
	override name = 'LabFault';
	constructor(
		readonly part: FaultPart,
		message: string,
		readonly timedOut = false
	) {
		super(message);
	}
}

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;

/**
 * Settles like `work`, or rejects with a LabFault once `ms` have passed. `onLate` receives a
 * result that arrives after the time-out (a session nobody waits for any more, to release).
 */
export function withTimeout<T>(work: Promise<T>, ms: number, part: FaultPart, what: string, onLate?: (late: T) => void): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let expired = false;
		const timer = setTimeout(() => {
			expired = true;
			reject(new LabFault(part, `${what} did not answer within ${seconds(ms)}.`, true));
		}, ms);
		work.then(
			(value) => {
				clearTimeout(timer);
				if (expired) onLate?.(value);
				else resolve(value);
			},
			(error) => {
				clearTimeout(timer);
				if (!expired) reject(error);
			}
		);
	});
}

/** `fetch` that aborts after `ms`, with a LabFault naming `what` when it does. */
export async function fetchWithTimeout(url: string, ms: number, part: FaultPart, what: string): Promise<Response> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), ms);
	try {
		const response = await fetch(url, { signal: controller.signal });
		// The body can stall too: read it under the same clock.
		const body = await response.arrayBuffer();
		return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
	} catch (error) {
		if (controller.signal.aborted) throw new LabFault(part, `${what} did not answer within ${seconds(ms)}.`, true);
		throw error;
	} finally {
		clearTimeout(timer);
	}
}
