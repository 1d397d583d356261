/**
 * Coalesces model runs: at most one run in flight, and only the newest request waits behind it.
 * Requests are also batched per animation frame, so a slider dragged across 30 values in one
 * frame costs one run, never a queue of 30.
 */

export type Frame = (callback: () => void) => void;

const nextFrame: Frame = (callback) =>
	typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => callback()) : setTimeout(callback, 0);

export class LatestRunner<Request> {
	#pending: { request: Request } | null = null;
	#running = false;
	#frameRequested = false;

	constructor(
		private readonly run: (request: Request) => Promise<void>,
		private readonly frame: Frame = nextFrame
	) {}

	request(request: Request): void {
		this.#pending = { request };
		if (this.#running || this.#frameRequested) return;
		this.#frameRequested = true;
		this.frame(() => {
			this.#frameRequested = false;
			void this.#drain();
		});
	}

	async #drain(): Promise<void> {
		if (this.#running) return;
		this.#running = true;
		try {
			while (this.#pending) {
				const { request } = this.#pending;
				this.#pending = null;
				await this.run(request);
			}
		} finally {
			this.#running = false;
		}
	}
}
