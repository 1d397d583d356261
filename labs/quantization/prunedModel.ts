/**
 * Figure 5's graph for structured pruning: the transformer at the smaller sizes smaller.ts cuts,
 * float weights fed as inputs. Its weight inputs have symbolic widths (heads × d_k per attention,
 * neurons per MLP), so one session serves every count of heads and neurons; only a block with
 * nothing left changes the graph (it is left out), which gives at most four graphs per model.
 */
import { headDim, paramSpecs, SHAPE, transformerForward, type PrunedBlocks } from '$labs/attention-heatmaps/model';
import { VOCAB, type Task } from '$labs/attention-heatmaps/tasks';
import { tokenAccuracy } from '$labs/attention-heatmaps/training';
import type { Backend } from '$lib/onnx/backend';
import type { Feeds } from '$lib/onnx/feeds';
import { GraphBuilder, type Shape } from '$lib/onnx/graph';
import { getSession, runSession } from '$lib/onnx/session';
import type { Tensors } from '$lib/onnx/training/model';
import { heldOut, inputFeeds } from './accuracy';
import { LINEAR_WEIGHTS } from './qmodel';
import type { SmallerModel } from './smaller';
import type { WeightTensor } from './weights';

/** The layer's attention (`attention`) or MLP (`mlp`) block a parameter belongs to, or null (embeddings, final norm and head). */
function blockOf(name: string): { layer: number; block: keyof PrunedBlocks } | null {
	const m = /^l(\d+)\.(ln1|q|k|v|o|ln2|mlp1|mlp2)\./.exec(name);
	if (!m) return null;
	return { layer: Number(m[1]), block: m[2] === 'ln2' || m[2].startsWith('mlp') ? 'mlp' : 'attention' };
}

/** Whether the graph for `blocks` takes parameter `name`: a dropped block keeps only its output bias. */
export function takes(blocks: PrunedBlocks, name: string): boolean {
	const at = blockOf(name);
	if (!at || blocks[at.block][at.layer]) return true;
	return name.endsWith(at.block === 'mlp' ? '.mlp2.b' : '.o.b');
}

/** A parameter's shape with the pruned widths symbolic: columns of W_q, W_k, W_v and rows of W_o per layer (d_k × "heads_l"), and the MLP's hidden units ("neurons_l"). */
function inputShape(name: string, shape: readonly number[]): Shape {
	const m = /^l(\d+)\.(q|k|v|o|mlp1|mlp2)\.([wb])$/.exec(name);
	if (!m) return [...shape];
	const [, layer, part, kind] = m;
	// d_k × heads, written so that the builder can split it into heads of d_k (reshapeShape).
	const width = part.startsWith('mlp') ? `neurons_${layer}` : `${headDim(SHAPE)}*heads_${layer}`;
	if (part === 'o' || part === 'mlp2') return kind === 'w' ? [width, shape[1]] : [...shape];
	return kind === 'w' ? [shape[0], width] : [width];
}

export const prunedGraphKey = (blocks: PrunedBlocks) =>
	`quantization-pruned-${[...blocks.attention.map((a) => (a ? 'A' : 'a')), ...blocks.mlp.map((m) => (m ? 'M' : 'm'))].join('')}`;

export function buildPrunedTransformer(blocks: PrunedBlocks): Uint8Array {
	const g = new GraphBuilder(prunedGraphKey(blocks).replaceAll('-', '_'));
	const params: Tensors = {};
	for (const p of paramSpecs(SHAPE)) if (takes(blocks, p.name)) params[p.name] = g.input(`param.${p.name}`, inputShape(p.name, p.shape));
	const tokens = g.cast(g.input('tokens', ['batch', 'seq']), 'int64');
	const positions = g.cast(g.input('positions', ['seq']), 'int64');
	const mask = g.input('mask', ['seq', 'seq']);
	g.output(transformerForward(g, SHAPE, params, { tokens, positions, mask }, undefined, blocks).logits, 'logits');
	return g.toBytes();
}

/** The smaller model's tensors as the graph takes them. */
export function prunedFeeds(model: SmallerModel): Feeds {
	const feeds: Feeds = {};
	for (const p of paramSpecs(SHAPE)) {
		if (!takes(model.blocks, p.name)) continue;
		const w: WeightTensor | undefined = model.weights.get(p.name);
		if (!w) throw new Error(`The model has no tensor “${p.name}”.`);
		feeds[`param.${p.name}`] = { data: w.data, dims: [...w.shape] };
	}
	return feeds;
}

/** Multiply-adds ×2 per token in the linear layers the smaller graph runs, counted from the matrices it is fed. */
export function prunedFlops(model: SmallerModel): number {
	const fed = LINEAR_WEIGHTS.filter((name) => takes(model.blocks, name)).map((name) => model.weights.get(name)!.shape);
	return 2 * fed.reduce((n, [rows, cols]) => n + rows * cols, 0);
}

/** Runs smaller models on the task's held-out set (encoded once): their logits, and the tokens they predict right. */
export function prunedScorer(task: Task, backend: Backend) {
	const inputs = heldOut(task);
	const common = inputFeeds(task, inputs);
	const tokens = inputs.reduce((n, x) => n + x.length, 0);
	const logits = async (model: SmallerModel): Promise<Float32Array> => {
		const session = await getSession(backend, prunedGraphKey(model.blocks), () => buildPrunedTransformer(model.blocks));
		return (await runSession(session, { ...common, ...prunedFeeds(model) })).logits.data;
	};
	const right = async (model: SmallerModel) => Math.round(tokens * tokenAccuracy(task, inputs, await logits(model), VOCAB));
	return { logits, right, tokens };
}
