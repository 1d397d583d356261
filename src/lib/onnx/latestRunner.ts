/**
 * Coalesces model runs: at most one run in flight, and only the newest request waits behind it,
 * so a slider dragged across 30 values while the model is busy costs two runs, never a queue
 * of 30. Requests made in the same task are batched too (the run starts in a microtask).
 *
 * Why a microtask and not the next animation frame: the model finishes well inside a frame at
 * default sizes, and waiting for the next frame would add up to 16 ms to every redraw for
 * nothing; the in-flight rule already gives one run per frame when runs are slow.
 */

export type Schedule = (callback: () => void) => void;

const soon: Schedule = (callback) => queueMicrotask(callback);

export class LatestRunner<Request> {
	#pending: { request: Request } | null = null;
	#running = false;
	#scheduled = false;

	constructor(
		private readonly run: (request: Request) => Promise<void>,
		private readonly schedule: Schedule = soon
	) {}

	request(request: Request): void {
		this.#pending = { request };
		if (this.#running || this.#scheduled) return;
		this.#scheduled = true;
		this.schedule(() => {
			this.#scheduled = false;
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
