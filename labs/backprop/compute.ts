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
import { drawSample } from './data';
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
	const { W1, b1, W2, b2 } = sample.params;
	const outputs = await runSession(session, {
		X: { data: sample.X, dims: [shape.batch, 2] },
		Y: { data: sample.Y, dims: [shape.batch, 3] },
		W1: { data: W1, dims: [2, shape.hidden] },
		b1: { data: b1, dims: [shape.hidden] },
		W2: { data: W2, dims: [shape.hidden, 3] },
		b2: { data: b2, dims: [3] }
	});
	return summarize(spec, sample, shape.batch, outputs);
}
