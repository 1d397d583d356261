/**
 * Cuts a training graph (forward nodes, then the backward pass `gradients` appended) into the
 * two models a framework runs: forward, from the graph's inputs to the loss, the other outputs
 * and the tensors backward will read ("saved"); and backward, from those saved tensors, the graph
 * inputs it reads (the parameters, the data) and the seed ∂L/∂L to the gradients.
 *
 *   const forwardNodes = g.nodes.length;
 *   const seed = g.constant([1], [], 'seed');
 *   const [dw] = gradients(g, loss, [w], { seed });
 *   g.output(loss, 'loss'); g.output(dw, 'dw');
 *   const split = splitGraph(g, forwardNodes, { seed });
 *
 * Between the two runs the saved tensors can be looked at, or changed: feeding backward a value
 * forward did not compute is what an in-place overwrite of a saved tensor does to PyTorch's
 * backward (which refuses it; ONNX tensors are written once, so here it is a choice).
 *
 * Graph outputs go with the part that computes them; an output that only exposes a forward
 * tensor (the Identity `g.output` adds, after the backward nodes) goes to forward.
 */
import { encodeModel, type EncodedNode, type GraphData, type InitializerData } from './encode';
import type { Feed, Feeds } from './feeds';
import type { GraphBuilder } from './graph';
import type { Tensor } from './shape';

export interface GraphPart {
	bytes: Uint8Array;
	inputs: Tensor[];
	outputs: Tensor[];
}

export interface SplitGraph {
	forward: GraphPart;
	backward: GraphPart;
	/** Tensors forward computes and backward reads: forward outputs them, backward takes them in. */
	saved: Tensor[];
	/** The backward input fed ∂L/∂L (1 for the gradients themselves), or null if it stayed a constant. */
	seed: Tensor | null;
}

export interface SplitOptions {
	/** The constant `gradients` started from (its `seed` option): backward takes it as an input. */
	seed?: Tensor;
}

export function splitGraph(g: GraphBuilder, forwardNodes: number, options: SplitOptions = {}): SplitGraph {
	const data = g.data();
	if (!Number.isInteger(forwardNodes) || forwardNodes < 1 || forwardNodes >= data.nodes.length)
		throw new Error(`splitGraph: ${forwardNodes} forward nodes of ${data.nodes.length} leaves a part empty`);
	const tensors = new Map<string, Tensor>();
	for (const t of data.inputs) tensors.set(t.name, t);
	for (const init of data.initializers) tensors.set(init.name, { name: init.name, shape: [...init.shape], dtype: init.dtype });
	g.nodes.forEach((n) => tensors.set(n.output.name, n.output));

	const graphOutputs = new Set(data.outputs.map((t) => t.name));
	const computedInForward = new Set<string>();
	const isGraphInput = (name: string) => data.inputs.some((t) => t.name === name);
	const inForward: boolean[] = data.nodes.map((node, i) => {
		const exposesForward =
			i >= forwardNodes &&
			node.opType === 'Identity' &&
			graphOutputs.has(node.outputs[0]) &&
			(computedInForward.has(node.inputs[0]) || isGraphInput(node.inputs[0]));
		const forward = i < forwardNodes || exposesForward;
		if (forward) node.outputs.forEach((name) => computedInForward.add(name));
		return forward;
	});
	const forwardList = data.nodes.filter((_, i) => inForward[i]);
	const backwardList = data.nodes.filter((_, i) => !inForward[i]);

	const seed = options.seed ?? null;
	if (seed && !data.initializers.some((init) => init.name === seed.name)) throw new Error(`splitGraph: the seed ${seed.name} is not a constant of the graph`);
	const initializer = new Map(data.initializers.map((init) => [init.name, init]));
	const readBy = (nodes: readonly EncodedNode[]) => new Set(nodes.flatMap((n) => n.inputs));
	const forwardReads = readBy(forwardList);
	const backwardReads = readBy(backwardList);

	const saved = [...backwardReads].filter((name) => computedInForward.has(name)).map((name) => tensors.get(name)!);
	// They leave one run as outputs and enter the next as feeds, which carry float32 only.
	for (const t of saved) if (t.dtype !== 'float32') throw new Error(`splitGraph: backward reads ${t.name}, a ${t.dtype} tensor of forward; only float32 tensors can be saved`);
	const forwardOutputs = [...data.outputs.filter((t) => computedInForward.has(t.name)), ...saved.filter((t) => !graphOutputs.has(t.name))];
	const backwardInputs = [
		...saved,
		...data.inputs.filter((t) => backwardReads.has(t.name)),
		...(seed && backwardReads.has(seed.name) ? [tensors.get(seed.name)!] : [])
	];
	const constantsFor = (reads: Set<string>, except: string | null): InitializerData[] =>
		[...reads].filter((name) => name !== except && initializer.has(name)).map((name) => initializer.get(name)!);

	const part = (suffix: string, piece: Omit<GraphData, 'name' | 'opset'>): GraphPart => ({
		bytes: encodeModel({ name: `${data.name}-${suffix}`, opset: data.opset, ...piece }),
		inputs: [...piece.inputs],
		outputs: [...piece.outputs]
	});
	return {
		forward: part('forward', {
			inputs: data.inputs.filter((t) => forwardReads.has(t.name)),
			outputs: forwardOutputs,
			initializers: constantsFor(forwardReads, null),
			nodes: forwardList
		}),
		backward: part('backward', {
			inputs: backwardInputs,
			outputs: data.outputs.filter((t) => !computedInForward.has(t.name)),
			initializers: constantsFor(backwardReads, seed?.name ?? null),
			nodes: backwardList
		}),
		saved,
		seed: seed && backwardReads.has(seed.name) ? seed : null
	};
}

/** Forward's feeds: the graph inputs it reads, taken from the whole graph's feeds. */
export function forwardFeeds(split: SplitGraph, feeds: Feeds): Feeds {
	return pick(split.forward.inputs, feeds, 'forward');
}

/**
 * Backward's feeds: the saved tensors from forward's outputs (or from `replace`, an in-place
 * overwrite), the graph inputs it reads, and the seed 1.
 */
export function backwardFeeds(split: SplitGraph, feeds: Feeds, forwardOut: Record<string, Feed>, replace: Feeds = {}): Feeds {
	const seed: Feeds = split.seed ? { [split.seed.name]: { data: Float32Array.of(1), dims: split.seed.shape.map(Number) } } : {};
	return pick(split.backward.inputs, { ...feeds, ...forwardOut, ...seed, ...replace }, 'backward');
}

function pick(inputs: readonly Tensor[], from: Feeds, part: string): Feeds {
	const out: Feeds = {};
	for (const t of inputs) {
		const feed = from[t.name];
		if (!feed) throw new Error(`splitGraph: nothing to feed ${part}'s input ${t.name}`);
		out[t.name] = feed;
	}
	return out;
}
