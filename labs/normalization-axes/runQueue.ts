/**
 * One runtime call at a time across this lab's models: the figure updates and the cost timing
 * share the runtime. Interleaved runs would slow each other and spoil the timing, and ORT's
 * WebGPU provider refuses to create two sessions at once ("another WebGPU EP inference session
 * is being created"), so session creation goes through the same queue.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, type Session } from '$lib/onnx/runtime';

let tail: Promise<unknown> = Promise.resolve();

export function exclusive<T>(job: () => Promise<T>): Promise<T> {
	const run = tail.then(job, job);
	// The chain continues whether or not this job fails; the caller still sees the failure.
	tail = run.catch(() => undefined);
	return run;
}

/** `getSession`, queued: a cached session comes back at once, a new one is built alone. */
export function queuedSession(backend: Backend, key: string, bytes: () => Uint8Array | Promise<Uint8Array>): Promise<Session> {
	return exclusive(() => getSession(backend, key, bytes));
}
