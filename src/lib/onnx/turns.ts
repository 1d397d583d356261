/**
 * One queue per realm (page or worker) for work that must not overlap on the runtime: ORT's
 * WebGPU provider refuses to create two sessions at once and breaks when two runs overlap, and
 * training runs side by side take turns step by step. Session builds and releases, every
 * `runSession` and training steps share it, so none trips another. Labs never queue runs here
 * themselves: `runSession` does (a run queued from inside a turn would wait for itself).
 * Other work that must take turns (the practice page's solves) makes a queue of its own.
 */

/** A queue of its own: the function it returns runs each `work` after everything queued before it (first come, first served). */
export function turnQueue(): <T>(work: () => Promise<T>) => Promise<T> {
	let queue: Promise<unknown> = Promise.resolve();
	return <T>(work: () => Promise<T>): Promise<T> => {
		const result = queue.then(work, work);
		queue = result.catch(() => undefined);
		return result;
	};
}

/** Runs `work` after everything already queued on the runtime in this realm. */
export const takeTurn = turnQueue();
