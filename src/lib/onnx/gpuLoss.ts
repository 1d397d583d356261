/**
 * WebGPU's health for the whole page (or worker). Once the GPU device is lost, or a WebGPU
 * session or run fails, the runtime cannot be trusted on WebGPU again: ORT keeps its dead device,
 * and a run started on it can spin inside the runtime's WebAssembly without ever returning to
 * the event loop (a frozen tab). So the first failure is latched here, every later WebGPU call
 * is refused before it reaches the runtime, and the page moves to WebAssembly (labController).
 *
 * Pure logic with no runtime import, so the training loop (page or worker) can use it too.
 */
import { LabFault } from './faults';

export type FailureListener = (reason: string) => void;

export interface WebgpuHealth {
	/** Why WebGPU failed, or null while it works. */
	readonly failure: string | null;
	/** Latches the first failure and tells every listener once; later calls change nothing. */
	fail(reason: string): void;
	/** Calls `listener` when WebGPU fails (at once if it has failed already); returns the unsubscribe. */
	onFailure(listener: FailureListener): () => void;
	/**
	 * Runs one piece of WebGPU work: refused once WebGPU has failed, rejected as soon as it fails
	 * while `work` is pending (a run on a lost device may never settle), and any error of `work`
	 * latches the failure (`reason` says why) before it is passed on.
	 */
	guard<T>(work: () => Promise<T>, reason?: string): Promise<T>;
	/** Counts a WebGPU session held outside the runtime's caches (a training loop); returns the release. */
	hold(): () => void;
	/** WebGPU sessions counted by `hold` and not released. */
	readonly held: number;
}

/** The error a refused or cut-off WebGPU call rejects with (a backend fault: the page falls back). */
export const webgpuFault = (reason: string) => new LabFault('backend', `WebGPU stopped working (${reason}).`);

export function createWebgpuHealth(): WebgpuHealth {
	let failure: string | null = null;
	let held = 0;
	const listeners = new Set<FailureListener>();
	/** The pending guarded calls' cut-offs (a set, not reactions on a promise: those would pile up). */
	const pending = new Set<(reason: string) => void>();

	const health: WebgpuHealth = {
		get failure() {
			return failure;
		},
		get held() {
			return held;
		},
		fail(reason) {
			if (failure !== null) return;
			failure = reason;
			for (const cutOff of [...pending]) cutOff(reason);
			for (const listener of [...listeners]) {
				try {
					listener(reason);
				} catch (error) {
					console.warn('a WebGPU failure listener threw', error);
				}
			}
		},
		onFailure(listener) {
			if (failure !== null) listener(failure);
			else listeners.add(listener);
			return () => listeners.delete(listener);
		},
		guard(work, reason = 'it could not run the model') {
			if (failure !== null) return Promise.reject(webgpuFault(failure));
			return new Promise((resolve, reject) => {
				let settled = false;
				const cutOff = (why: string) => settle(() => reject(webgpuFault(why)));
				const settle = (done: () => void) => {
					if (settled) return;
					settled = true;
					pending.delete(cutOff);
					done();
				};
				pending.add(cutOff);
				let running: Promise<unknown>;
				try {
					running = work();
				} catch (error) {
					running = Promise.reject(error);
				}
				running.then(
					(value) => settle(() => resolve(value as never)),
					(error: unknown) => {
						settle(() => reject(error));
						// A model that cannot be downloaded fails on any backend; every other error latches.
						if (!(error instanceof LabFault && error.part === 'model')) health.fail(reason);
					}
				);
			});
		},
		hold() {
			held += 1;
			let released = false;
			return () => {
				if (released) return;
				released = true;
				held -= 1;
			};
		}
	};
	return health;
}

/** This realm's WebGPU health (the page's, or a worker's, which never runs WebGPU). */
export const webgpuHealth: WebgpuHealth = createWebgpuHealth();
