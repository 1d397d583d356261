/**
 * Structured pruning as the smaller model it is: the kept MLP neurons' columns of mlp1.w (and
 * biases) and rows of mlp2.w, and the kept heads' d_k columns of W_q, W_k, W_v (and biases) and
 * rows of W_o, cut out into smaller matrices. prunedModel.ts runs them in a graph of those sizes,
 * so the multiply-adds it does are the ones counted (pruning.ts's linearFlops). A block that keeps
 * no unit is dropped from the model; only its output bias stays.
 */
import { SHAPE, headDim, type PrunedBlocks } from '$labs/attention-heatmaps/model';
import { MLPS, type Head, type PruneMethod } from './heads';
import { neuronsFor, removedNeurons, headsFor } from './pruning';
import type { WeightTensor } from './weights';

export interface SmallerModel {
	/** Every tensor the smaller graph takes: the kept parts of the pruned matrices, the rest as they were. */
	weights: Map<string, WeightTensor>;
	blocks: PrunedBlocks;
}

/** Columns `keep` of a row-major [rows, cols] matrix, in order. */
function columns(w: WeightTensor, keep: readonly number[]): WeightTensor {
	const [rows, cols] = w.shape;
	const data = new Float32Array(rows * keep.length);
	for (let r = 0; r < rows; r++) keep.forEach((c, j) => (data[r * keep.length + j] = w.data[r * cols + c]));
	return { shape: [rows, keep.length], data };
}

/** Rows `keep` of a row-major [rows, cols] matrix, in order. */
function rows(w: WeightTensor, keep: readonly number[]): WeightTensor {
	const cols = w.shape[1];
	const data = new Float32Array(keep.length * cols);
	keep.forEach((r, i) => data.set(w.data.subarray(r * cols, (r + 1) * cols), i * cols));
	return { shape: [keep.length, cols], data };
}

const entries = (v: WeightTensor, keep: readonly number[]): WeightTensor => ({ shape: [keep.length], data: Float32Array.from(keep, (i) => v.data[i]) });

/** 0 … n − 1 without `removed`. */
const keptOf = (n: number, removed: Iterable<number>) => {
	const gone = new Set(removed);
	return Array.from({ length: n }, (_, i) => i).filter((i) => !gone.has(i));
};

/** The model without the neurons `removed` lists per MLP (by layer prefix) and without `heads`. */
export function smallerModel(weights: Map<string, WeightTensor>, removed: ReadonlyMap<string, readonly number[]>, heads: readonly Head[]): SmallerModel {
	const out = new Map(weights);
	const blocks = { attention: MLPS.map(() => true), mlp: MLPS.map(() => true) };
	const dk = headDim(SHAPE);
	MLPS.forEach((layer, l) => {
		const w1 = weights.get(`${layer}.mlp1.w`)!;
		const neurons = keptOf(w1.shape[1], removed.get(layer) ?? []);
		if (neurons.length < w1.shape[1]) {
			out.set(`${layer}.mlp1.w`, columns(w1, neurons));
			out.set(`${layer}.mlp1.b`, entries(weights.get(`${layer}.mlp1.b`)!, neurons));
			out.set(`${layer}.mlp2.w`, rows(weights.get(`${layer}.mlp2.w`)!, neurons));
		}
		blocks.mlp[l] = neurons.length > 0;
		const gone = heads.filter((h) => h.layer === layer).map((h) => h.head);
		if (gone.length === 0) return;
		const channels = keptOf(SHAPE.heads, gone).flatMap((h) => Array.from({ length: dk }, (_, i) => h * dk + i));
		for (const m of ['q', 'k', 'v'] as const) {
			out.set(`${layer}.${m}.w`, columns(weights.get(`${layer}.${m}.w`)!, channels));
			out.set(`${layer}.${m}.b`, entries(weights.get(`${layer}.${m}.b`)!, channels));
		}
		out.set(`${layer}.o.w`, rows(weights.get(`${layer}.o.w`)!, channels));
		blocks.attention[l] = channels.length > 0;
	});
	return { weights: out, blocks };
}

/** The smaller model a structured method leaves at `sparsity` (heads go in `headOrder`, least needed first). */
export function smallerFor(weights: Map<string, WeightTensor>, method: Extract<PruneMethod, 'neurons' | 'heads'>, sparsity: number, headOrder?: readonly Head[]): SmallerModel {
	if (method === 'neurons') return smallerModel(weights, removedNeurons(weights, neuronsFor(weights, sparsity)), []);
	if (!headOrder) throw new Error('pruning heads needs the order to remove them in');
	return smallerModel(weights, new Map(), headOrder.slice(0, headsFor(weights, sparsity)));
}
