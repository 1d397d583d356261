/**
 * Test helper: runs model bytes on onnxruntime-web's WASM backend in Node (one thread, so runs
 * are deterministic and do not fight vitest's workers for the 2 cores).
 */
import * as ort from 'onnxruntime-web';
import { ortTensor, type Feeds } from '$lib/onnx/feeds';
import { backwardFeeds, forwardFeeds, type SplitGraph } from '$lib/onnx/split';
import { turnQueue } from '$lib/onnx/turns';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

export type Session = ort.InferenceSession;
export type { Feeds } from '$lib/onnx/feeds';
export type Results = Record<string, { data: Float32Array; dims: readonly number[] }>;

/**
 * Session builds and runs take turns, as the page's runtime makes them (runtime.ts, turns.ts): a
 * lab whose compute leaves work running after it returns (staged results) would otherwise overlap
 * two runs in the one WASM instance ("operation does not support unaligned accesses"). A queue of
 * its own, not the realm's: lab code that holds a turn may call these.
 */
const turn = turnQueue();

export function createSession(bytes: Uint8Array): Promise<Session> {
	return turn(() => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' }));
}

/** Runs `session`; `fetches` names the outputs to read (all when absent), as the page's runSession. */
export async function runSession(session: Session, feeds: Feeds, fetches?: readonly string[]): Promise<Results> {
	const inputs: Record<string, ort.Tensor> = {};
	for (const [name, feed] of Object.entries(feeds)) inputs[name] = ortTensor(ort, feed);
	const outputs = await turn(() => (fetches ? session.run(inputs, fetches) : session.run(inputs)));
	const results: Results = {};
	for (const [name, tensor] of Object.entries(outputs)) {
		// Bool and int64 outputs are converted so every test reads numbers the same way.
		const raw = tensor.data as ArrayLike<number | bigint | boolean>;
		const data = raw instanceof Float32Array ? raw : Float32Array.from(Array.from(raw, Number));
		results[name] = { data, dims: tensor.dims };
	}
	return results;
}

/** Builds a session from bytes and runs it once. */
export async function runModel(bytes: Uint8Array, feeds: Feeds): Promise<Results> {
	return runSession(await createSession(bytes), feeds);
}

/**
 * A training graph cut in two (split.ts): forward, then backward fed the saved tensors (or
 * `replace`'s values for some), their outputs together.
 */
export async function runSplitModel(split: SplitGraph, feeds: Feeds, replace: Feeds = {}): Promise<Results> {
	const forward = await runModel(split.forward.bytes, forwardFeeds(split, feeds));
	const backward = await runModel(split.backward.bytes, backwardFeeds(split, feeds, forward, replace));
	return { ...forward, ...backward };
}
