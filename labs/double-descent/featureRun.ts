/**
 * Runs the ONNX feature graph for one replicate on the page's runtime (the site's shared
 * `runtime.ts`: one session per backend and family, WASM in onnxruntime's proxy worker). The
 * sweep worker asks for these tables; the graph is built by the same builder the tests pin.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/session';
import type { FeatureFamily } from './data';
import { featureFeeds } from './featureFeeds';
import { buildFeatureGraph, FEATURE_OUTPUT } from './model';
import { maxFeatures } from './sweep';

/** One run at a time: the worker asks for several seeds' tables at once, and a session runs serially. */
let queue: Promise<unknown> = Promise.resolve();

export function runFeatureGraph(
	backend: Backend,
	family: FeatureFamily,
	seed: number,
	replicate: number,
	n: number
): Promise<{ data: Float32Array; cols: number }> {
	const run = queue.then(async () => {
		const session = await getSession(backend, `dd-features-${family}`, () => buildFeatureGraph(family));
		const outputs = await runSession(session, featureFeeds(family, seed, replicate, n));
		// A copy of our own, so its buffer can be transferred to the worker.
		return { data: outputs[FEATURE_OUTPUT].data.slice(), cols: maxFeatures(n) };
	});
	queue = run.catch(() => undefined);
	return run;
}
