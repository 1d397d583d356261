/**
 * Figure 5's pruning, pure TypeScript on the trained weights (no ONNX): it returns a new weight
 * map with the pruned entries set to zero, which the quantized graph (qmodel.ts) takes as float
 * weights. Four methods, each over the thirteen linear weight matrices (embeddings and norms are
 * never pruned; biases only with the units structured pruning removes):
 * - `layer`: each matrix keeps its largest |w|, the same fraction removed from each.
 * - `global`: one threshold on |w| over all thirteen matrices, so wide and narrow layers lose
 *   different fractions.
 * - `neurons`: structured. MLP neuron i of a layer is column i of mlp1.w (with mlp1.b[i]) and row
 *   i of mlp2.w; its score is ‖column‖·‖row‖, and each layer loses the same number of its
 *   lowest-scoring neurons. All three are zeroed here, which computes what the smaller MLP would;
 *   figure 5 runs the smaller MLP itself (smaller.ts).
 * - `heads`: structured. Attention head h of a layer is columns [h·d_k, (h+1)·d_k) of W_q, W_k,
 *   W_v (with their biases) and the same rows of W_o; heads go in an order measured by ablation
 *   (pruneAccuracy.ts: the head whose removal alone costs least goes first), over both layers.
 *   Zeroing W_v's columns already silences the head; the others are zeroed as the smaller
 *   attention would not have them.
 */
import { SHAPE, headDim } from '$labs/attention-heatmaps/shape';
import { ALL_HEADS, MLPS, type Head, type PruneMethod } from './heads';
import { LINEAR_WEIGHTS } from './qnames';
import type { WeightTensor } from './weights';

const sizeOf = (w: WeightTensor) => w.shape.reduce((a, b) => a * b, 1);

/** All linear weights of the model: the count the sparsity is a fraction of. */
export function linearWeightCount(weights: Map<string, WeightTensor>): number {
	return LINEAR_WEIGHTS.reduce((n, name) => n + sizeOf(weights.get(name)!), 0);
}

/** Linear weights one MLP neuron holds: its column of mlp1.w and its row of mlp2.w. */
export const weightsPerNeuron = (weights: Map<string, WeightTensor>) => weights.get('l0.mlp1.w')!.shape[0] + weights.get('l0.mlp2.w')!.shape[1];
/** Neurons per MLP. */
export const neuronsPerLayer = (weights: Map<string, WeightTensor>) => weights.get('l0.mlp1.w')!.shape[1];

/**
 * Neurons removed from each MLP for a fraction `sparsity` of all linear weights: the nearest
 * count, at most every neuron (the MLPs hold about half the linear weights, so above that the
 * fraction cannot be reached).
 */
export function neuronsFor(weights: Map<string, WeightTensor>, sparsity: number): number {
	const per = weightsPerNeuron(weights) * MLPS.length;
	return Math.min(neuronsPerLayer(weights), Math.round((sparsity * linearWeightCount(weights)) / per));
}

/** Linear weights one head holds: d_k columns of W_q, W_k and W_v and d_k rows of W_o. */
export const weightsPerHead = (weights: Map<string, WeightTensor>) => 4 * weights.get('l0.q.w')!.shape[0] * headDim(SHAPE);

/** Heads removed (over both layers) for a fraction `sparsity` of all linear weights: the nearest count, at most all. */
export function headsFor(weights: Map<string, WeightTensor>, sparsity: number): number {
	return Math.min(ALL_HEADS.length, Math.round((sparsity * linearWeightCount(weights)) / weightsPerHead(weights)));
}

/** Indices of the `k` smallest |values| (ties: the lower index goes first, so the result is deterministic). */
function smallest(values: ArrayLike<number>, k: number): Int32Array {
	const order = Int32Array.from({ length: values.length }, (_, i) => i);
	order.sort((a, b) => Math.abs(values[a]) - Math.abs(values[b]) || a - b);
	return order.subarray(0, k);
}

const copyOf = (weights: Map<string, WeightTensor>) => new Map([...weights].map(([k, w]) => [k, { shape: [...w.shape], data: Float32Array.from(w.data) }]));

/** Magnitude pruning: `sparsity` of each matrix's entries (per layer) or of all of them (global) set to zero. */
function magnitude(weights: Map<string, WeightTensor>, sparsity: number, global: boolean): Map<string, WeightTensor> {
	const out = copyOf(weights);
	if (!global) {
		for (const name of LINEAR_WEIGHTS) {
			const w = out.get(name)!;
			for (const i of smallest(w.data, Math.round(sparsity * w.data.length))) w.data[i] = 0;
		}
		return out;
	}
	// One ranking over every linear weight, matrices laid end to end.
	const all = LINEAR_WEIGHTS.map((name) => out.get(name)!.data);
	const flat = new Float32Array(all.reduce((n, d) => n + d.length, 0));
	const start: number[] = [];
	all.reduce((at, d) => (start.push(at), flat.set(d, at), at + d.length), 0);
	for (const i of smallest(flat, Math.round(sparsity * flat.length))) {
		let m = start.length - 1;
		while (start[m] > i) m--;
		all[m][i - start[m]] = 0;
	}
	return out;
}

/** Per MLP layer, each neuron's score ‖w_in‖·‖w_out‖ (column of mlp1.w times row of mlp2.w). */
export function neuronScores(weights: Map<string, WeightTensor>, layer: string): number[] {
	const w1 = weights.get(`${layer}.mlp1.w`)!;
	const w2 = weights.get(`${layer}.mlp2.w`)!;
	const [dIn, hidden] = w1.shape;
	const dOut = w2.shape[1];
	return Array.from({ length: hidden }, (_, i) => {
		let a = 0;
		let b = 0;
		for (let r = 0; r < dIn; r++) a += w1.data[r * hidden + i] ** 2;
		for (let c = 0; c < dOut; c++) b += w2.data[i * dOut + c] ** 2;
		return Math.sqrt(a) * Math.sqrt(b);
	});
}

/** The neurons each MLP loses: its `k` lowest scores. */
export function removedNeurons(weights: Map<string, WeightTensor>, k: number): Map<string, number[]> {
	return new Map(MLPS.map((l) => [l, Array.from(smallest(neuronScores(weights, l), k))]));
}

function structured(weights: Map<string, WeightTensor>, k: number): Map<string, WeightTensor> {
	const out = copyOf(weights);
	for (const [l, removed] of removedNeurons(weights, k)) {
		const w1 = out.get(`${l}.mlp1.w`)!;
		const b1 = out.get(`${l}.mlp1.b`)!;
		const w2 = out.get(`${l}.mlp2.w`)!;
		const [dIn, hidden] = w1.shape;
		const dOut = w2.shape[1];
		for (const i of removed) {
			for (let r = 0; r < dIn; r++) w1.data[r * hidden + i] = 0;
			b1.data[i] = 0;
			w2.data.fill(0, i * dOut, (i + 1) * dOut);
		}
	}
	return out;
}

/** The weights without `heads`: their columns of W_q, W_k, W_v (and biases) and rows of W_o set to zero. */
export function withoutHeads(weights: Map<string, WeightTensor>, heads: readonly Head[]): Map<string, WeightTensor> {
	const out = copyOf(weights);
	const dk = headDim(SHAPE);
	for (const { layer, head } of heads) {
		const from = head * dk;
		for (const m of ['q', 'k', 'v'] as const) {
			const w = out.get(`${layer}.${m}.w`)!;
			const cols = w.shape[1];
			for (let r = 0; r < w.shape[0]; r++) w.data.fill(0, r * cols + from, r * cols + from + dk);
			out.get(`${layer}.${m}.b`)!.data.fill(0, from, from + dk);
		}
		const o = out.get(`${layer}.o.w`)!;
		o.data.fill(0, from * o.shape[1], (from + dk) * o.shape[1]);
	}
	return out;
}

/**
 * The weights pruned by `method` to (about) `sparsity` of the linear weights; the input is not
 * changed. `heads` needs the order to remove heads in (least needed first: pruneAccuracy.ts).
 */
export function prune(weights: Map<string, WeightTensor>, method: PruneMethod, sparsity: number, headOrder?: readonly Head[]): Map<string, WeightTensor> {
	if (method === 'neurons') return structured(weights, neuronsFor(weights, sparsity));
	if (method === 'heads') {
		if (!headOrder || headOrder.length !== ALL_HEADS.length) throw new Error('pruning heads needs every head, in the order to remove them');
		return withoutHeads(weights, headOrder.slice(0, headsFor(weights, sparsity)));
	}
	return magnitude(weights, sparsity, method === 'global');
}

/** The fraction of linear weights a method removes at `sparsity`, counted from the method's rule. */
export function removedFraction(weights: Map<string, WeightTensor>, method: PruneMethod, sparsity: number): number {
	const total = linearWeightCount(weights);
	if (method === 'neurons') return (MLPS.length * neuronsFor(weights, sparsity) * weightsPerNeuron(weights)) / total;
	if (method === 'heads') return (headsFor(weights, sparsity) * weightsPerHead(weights)) / total;
	if (method === 'global') return Math.round(sparsity * total) / total;
	return LINEAR_WEIGHTS.reduce((n, name) => n + Math.round(sparsity * sizeOf(weights.get(name)!)), 0) / total;
}

/** Zeros among the linear weights, as a fraction of them (what a method actually removed). */
export function zeroFraction(weights: Map<string, WeightTensor>): number {
	let zeros = 0;
	for (const name of LINEAR_WEIGHTS) for (const v of weights.get(name)!.data) if (v === 0) zeros++;
	return zeros / linearWeightCount(weights);
}

/**
 * Multiply-adds ×2 per token of the linear layers a kernel must run. A dense kernel multiplies the
 * zeros too, so magnitude pruning leaves it at the full count; removing k neurons per MLP makes
 * each MLP k columns and k rows smaller, and removing a head makes W_q, W_k, W_v d_k columns and
 * W_o d_k rows smaller.
 */
export function linearFlops(weights: Map<string, WeightTensor>, method: PruneMethod, sparsity: number): number {
	const dense = 2 * linearWeightCount(weights);
	if (method === 'neurons') return dense - 2 * MLPS.length * neuronsFor(weights, sparsity) * weightsPerNeuron(weights);
	if (method === 'heads') return dense - 2 * headsFor(weights, sparsity) * weightsPerHead(weights);
	return dense;
}
