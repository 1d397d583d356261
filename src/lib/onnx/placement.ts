/**
 * Where the page's WASM runtime computes: on the main thread, or in ORT's proxy worker.
 *
 * A lab's page runs the small graphs of one state per control change (1–13 ms each on this
 * project's 2-core machine). In the proxy worker each change also waited 15–17 ms for the round
 * trip, the main thread busy with the previous frame while the answer sat in its queue; on the
 * main thread normalization's redraw went from a median of 33 to 24 ms, attention's from 27 to
 * 15 and overfitting's from 30 to 19 (scripts/bench/redrawProfile.ts, with and without --proxy).
 * Heavy work has workers of its own (the training worker, double descent's sweep), and a loop of
 * main-thread runs is cut into short tasks (runSlices.ts).
 *
 * A lab whose live runs sweep long on the page's runtime (quantization) declares
 * `runtimeInWorker`, and keeps the worker. Optimizers, whose figures 5 and 6 train on the page's
 * runtime, gave it up: in the worker each κ change waited on the round trip (redraw median 34
 * against 20 ms on the main thread), and its training steps run in short tasks there
 * (runSlices.ts). Pages that are not a lab (the practice deck, the bench) keep the worker too.
 * The choice is made once per page load, when the runtime starts: a later lab's wish cannot move
 * it (after a link from one lab to another, runSlices.ts still keeps any loop's tasks short).
 */
let inWorker = true;

/** Called by a lab's page before its runtime starts. */
export function placeWasmRuntime(lab: { runtimeInWorker?: boolean }): void {
	inWorker = lab.runtimeInWorker === true;
}

/** Whether the WASM runtime, when it starts now, goes to ORT's proxy worker (never in Node). */
export function wasmRuntimeInWorker(): boolean {
	// The redraw profiler (scripts/bench/redrawProfile.ts --proxy) forces the worker to measure its round trip.
	const forced = (globalThis as { __vlabProxy?: boolean }).__vlabProxy === true;
	return !import.meta.env.SSR && typeof document !== 'undefined' && (inWorker || forced);
}
