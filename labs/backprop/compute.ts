/**
 * Runs the lab's graph (forward and backward in one session, every intermediate an output) for
 * one state and hands the outputs to `summary.ts`. The graph is built in the browser once per
 * shape and its session cached; weights and data are inputs, so a new seed only feeds new tensors.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/runtime';
import { Lru } from '$lib/cache/lru';
import type { StateOf } from '$lib/state/schema';
import type { BackpropSchema } from './lab';
import { drawSample, feedsFor } from './data';
import { buildBackpropGraph, shapeKey, type BuiltGraph, type NetShape } from './model';
import { summarize, type BackpropResults } from './summary';

export type BackpropState = StateOf<BackpropSchema>;

export const netShape = (s: BackpropState): NetShape => ({ hidden: s.hidden, batch: s.batch, act: s.act, loss: s.loss, xgrad: s.xgrad });

const graphs = new Lru<BuiltGraph>({ maxEntries: 16 });

const graphFor = (shape: NetShape): BuiltGraph => graphs.memo(shapeKey(shape), () => buildBackpropGraph(shape));

export async function computeBackprop(state: BackpropState, backend: Backend): Promise<BackpropResults> {
	const shape = netShape(state);
	const { bytes, spec } = graphFor(shape);
	const session = await getSession(backend, shapeKey(shape), () => bytes);
	const sample = drawSample(shape.hidden, shape.batch, state.seed);
	const outputs = await runSession(session, feedsFor(sample, shape));
	return summarize(spec, sample, shape.batch, outputs);
}
