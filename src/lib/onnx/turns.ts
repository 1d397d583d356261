/**
 * One queue per realm (page or worker) for work that must not overlap on the runtime: ORT's
 * WebGPU provider refuses to create two sessions at once, and training runs side by side take
 * turns step by step. Inference sessions and training share it, so neither trips the other.
 */
let queue: Promise<unknown> = Promise.resolve();

/** Runs `work` after everything already queued in this realm (first come, first served). */
export function takeTurn<T>(work: () => Promise<T>): Promise<T> {
	const result = queue.then(work, work);
	queue = result.catch(() => undefined);
	return result;
}
