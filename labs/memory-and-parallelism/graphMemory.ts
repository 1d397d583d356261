/**
 * Figure 6: what a real training graph keeps for backward, read off its node list rather than
 * taken from a formula. The graph is the attention lab's transformer (`trainableTransformer`,
 * d_mlp = 4h) with its softmax cross-entropy loss and the backward pass the project's autodiff
 * appends: the same builder calls the training labs hand to ONNX Runtime.
 *
 * - Saved activations: every tensor a forward node produced that a backward node reads.
 * - Per layer, by difference: the saved elements of a 2-layer graph minus a 1-layer one (the
 *   embeddings, final LayerNorm and read-out cancel).
 * - Split by how they grow: per-layer elements E(s) = α·s + β·s² fitted exactly from s and 2s;
 *   α/(b·h) is the "∝ s·b·h" coefficient and β/(a·b) the number of a×s×s tensors per layer.
 * - Peak: the most bytes of intermediate tensors alive at once in node order (a tensor
 *   lives from its node to its last reader; parameter gradients to the end, where the optimizer
 *   reads them). ORT-web reports no allocator statistics, so this is computed from the graph.
 */
import { trainableTransformer, type TransformerShape } from '$labs/attention-heatmaps/model';
import { VOCAB } from '$labs/attention-heatmaps/tasks';
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder, type NodeRecord } from '$lib/onnx/graph';
import { numElements, type Tensor } from '$lib/onnx/shape';
import type { Tensors } from '$lib/onnx/training/model';

export interface GraphModel {
	layers: number;
	/** d_model */
	h: number;
	heads: number;
	seq: number;
	batch: number;
}

export interface SavedTensor {
	op: string;
	shape: number[];
	elements: number;
}

export interface TrainGraph {
	forwardNodes: number;
	backwardNodes: number;
	saved: SavedTensor[];
	savedElements: number;
	/** Bytes of intermediate tensors alive at once, at the worst node. */
	peakBytes: number;
	/** Parameter elements (the graph's inputs besides the batch). */
	paramElements: number;
}

export const shapeOf = (m: GraphModel): TransformerShape => ({ layers: m.layers, heads: m.heads, dModel: m.h, dMlp: 4 * m.h, vocab: VOCAB, maxLen: m.seq });

const BYTES = { float32: 4, int64: 8, bool: 1, int8: 1, int4: 0.5 } as const;

const elementsOf = (t: Tensor): number => {
	const n = numElements(t.shape);
	if (n === null) throw new Error(`graphMemory: ${t.name} has a symbolic shape`);
	return n;
};

/** Builds forward, loss and backward for `m` and reads what backward keeps. */
export function analyzeTrainGraph(m: GraphModel): TrainGraph {
	const model = trainableTransformer(shapeOf(m), m.batch);
	const g = new GraphBuilder('memory_train_graph');
	const params: Tensors = {};
	for (const p of model.params) params[p.name] = g.input(`param.${p.name}`, p.shape);
	const batch: Tensors = {};
	for (const b of [...model.inputs, ...model.targets]) batch[b.name] = g.input(`batch.${b.name}`, b.shape, b.dtype ?? 'float32');
	const pick = (specs: typeof model.inputs) => Object.fromEntries(specs.map((s) => [s.name, batch[s.name]]));
	const loss = model.loss(g, model.predict(g, params, pick(model.inputs)), pick(model.targets));
	const forwardNodes = g.nodes.length;
	const grads = gradients(
		g,
		loss,
		model.params.map((p) => params[p.name])
	);
	const nodes = g.nodes;
	const saved: SavedTensor[] = [];
	const readByBackward = new Set<string>();
	for (let i = forwardNodes; i < nodes.length; i++) for (const input of nodes[i].inputs) readByBackward.add(input.name);
	for (let i = 0; i < forwardNodes; i++) {
		const out = nodes[i].output;
		if (readByBackward.has(out.name)) saved.push({ op: nodes[i].op, shape: out.shape as number[], elements: elementsOf(out) });
	}

	return {
		forwardNodes,
		backwardNodes: nodes.length - forwardNodes,
		saved,
		savedElements: saved.reduce((sum, t) => sum + t.elements, 0),
		// The optimizer reads every parameter gradient after the last backward node.
		peakBytes: peakLiveBytes(nodes, grads),
		paramElements: model.params.reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0)
	};
}

/**
 * The most bytes of node outputs alive at once when `nodes` run in order: each lives from
 * its node to its last reader (or to the end, for `heldToEnd`); graph inputs are not counted.
 */
export function peakLiveBytes(nodes: readonly NodeRecord[], heldToEnd: readonly Tensor[] = []): number {
	const lastRead = new Map<string, number>();
	nodes.forEach((node, i) => {
		for (const input of node.inputs) lastRead.set(input.name, i);
	});
	for (const t of heldToEnd) lastRead.set(t.name, nodes.length);
	// +size where a tensor is made, −size just after its last reader.
	const delta = new Float64Array(nodes.length + 2);
	nodes.forEach((node, i) => {
		const bytes = BYTES[node.output.dtype] * elementsOf(node.output);
		delta[i] += bytes;
		delta[Math.max(i, lastRead.get(node.output.name) ?? i) + 1] -= bytes;
	});
	let live = 0;
	let peak = 0;
	for (const d of delta) peak = Math.max(peak, (live += d));
	return peak;
}

/** One layer's saved elements at sequence length `seq`: a 2-layer graph minus a 1-layer one. */
export function perLayerSaved(m: Omit<GraphModel, 'layers' | 'seq'>, seq: number): number {
	return analyzeTrainGraph({ ...m, layers: 2, seq }).savedElements - analyzeTrainGraph({ ...m, layers: 1, seq }).savedElements;
}

export interface LayerTerms {
	/** α / (b·h): saved elements per layer that grow with s·b·h, in units of s·b·h. */
	sbh: number;
	/** β / (a·b): a×s×s tensors kept per layer. */
	s2Tensors: number;
}

/**
 * Splits one layer's saved elements into E(s) = α·s + β·s², solved from s₁ and s₂ = 2s₁ (no
 * other powers of s appear: every tensor is [b, s, ·] or [b, a, s, s] or a reduction of one).
 */
export function layerTerms(m: Omit<GraphModel, 'layers' | 'seq'>, s1: number): LayerTerms {
	return splitTerms(m, s1, perLayerSaved(m, s1), perLayerSaved(m, 2 * s1));
}

/** The split from one layer's saved elements e1 at s1 and e2 at 2·s1. */
export function splitTerms(m: Omit<GraphModel, 'layers' | 'seq'>, s1: number, e1: number, e2: number): LayerTerms {
	// e1 = α s + β s², e2 = 2α s + 4β s²  ⇒  β = (e2 − 2e1) / (2s²), α = (e1 − β s²) / s.
	const beta = (e2 - 2 * e1) / (2 * s1 * s1);
	const alpha = (e1 - beta * s1 * s1) / s1;
	return { sbh: alpha / (m.batch * m.h), s2Tensors: beta / (m.heads * m.batch) };
}
