/**
 * The lab's transformer, written with the graph builder: token and position embeddings, two
 * pre-LayerNorm blocks of multi-head self-attention and a ReLU MLP with residuals, a final
 * LayerNorm and a linear read-out to the vocabulary.
 *
 *   x₀ = E[tokens] + s · P[positions]          (s = 1, or 0 with positions switched off)
 *   a  = softmax(q kᵀ / √d_k + M)              per head; M is 0 or −10⁹ (the mask, an input)
 *   x ← x + concat_h(a v) W_o;  x ← x + W₂ relu(W₁ LN(x))
 *
 * One `transformerForward` serves three graphs: the training step (parameters are inputs fed
 * by the training loop, batch and length fixed), the shipped inference file (trained weights as
 * initializers, batch and length symbolic) and the live-training snapshot graph (weights as
 * inputs, so one session shows any snapshot). LayerNorm is composed from reductions, so the
 * autodiff needs no rule of its own and all three graphs compute the same numbers.
 *
 * The inference graph's outputs: `logits` [batch, seq, vocab] and, per layer l, `attn{l}`
 * [batch, heads, seq, seq] (the softmax rows) and `q{l}`, `k{l}`, `v{l}` [batch, heads, seq, d_k],
 * so the figures draw what the model computed rather than a re-derivation.
 */
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { oneHot } from '$lib/onnx/losses';
import type { ParamValues, TrainableModel, Tensors } from '$lib/onnx/training/model';
import { headDim, paramSpecs, SHAPE, type TransformerShape } from './shape';

export { headDim, paramSpecs, SHAPE, type TransformerShape } from './shape';

/** A masked-out score: exp(−10⁹ − max) is exactly 0 in float32, so masked weights are 0. */
export const MASKED = -1e9;

export interface ForwardInputs {
	/** int64 [batch, seq]. */
	tokens: Tensor;
	/** int64 [seq]: the position of each slot. */
	positions: Tensor;
	/** float32 [seq, seq], added to the scaled scores (0 or MASKED). */
	mask: Tensor;
	/** float32 [1] multiplying the position embeddings (inference only; training uses 1). */
	posScale?: Tensor;
}

export interface ForwardOutputs {
	logits: Tensor;
	attn: Tensor[];
	q: Tensor[];
	k: Tensor[];
	v: Tensor[];
}

function layerNorm(g: GraphBuilder, x: Tensor, gain: Tensor, bias: Tensor): Tensor {
	const centred = g.sub(x, g.reduceMean(x, [-1], true));
	const variance = g.reduceMean(g.mul(centred, centred), [-1], true);
	return g.add(g.mul(g.div(centred, g.sqrt(g.add(variance, 1e-5))), gain), bias);
}

/** Rewrites the input of linear layer `name` (the quantization lab fake-quantizes activations here). */
export type LinearInputHook = (x: Tensor, name: string) => Tensor;

/**
 * A model pruned to fewer heads or MLP neurons (the quantization lab): the widths come from the
 * weights fed, and a layer whose attention or MLP lost every unit keeps only that block's output
 * bias, which is all the block still adds.
 */
export interface PrunedBlocks {
	attention: readonly boolean[];
	mlp: readonly boolean[];
}

export function transformerForward(g: GraphBuilder, s: TransformerShape, p: Tensors, inp: ForwardInputs, onInput?: LinearInputHook, pruned?: PrunedBlocks): ForwardOutputs {
	const linear = (g: GraphBuilder, x: Tensor, p: Tensors, name: string) => g.add(g.matMul(onInput ? onInput(x, name) : x, p[`${name}.w`]), p[`${name}.b`]);
	const dk = headDim(s);
	const pos = g.gather(p.pos_emb, inp.positions, 0);
	let x = g.add(g.gather(p.tok_emb, inp.tokens, 0), inp.posScale ? g.mul(pos, inp.posScale) : pos);
	const out: ForwardOutputs = { logits: x, attn: [], q: [], k: [], v: [] };
	// [batch, seq, d] → [batch, heads, seq, d_k] (a pruned model: as many heads as its W_q has d_k columns)
	const split = (t: Tensor) => g.transpose(g.reshape(t, [0, 0, pruned ? -1 : s.heads, dk]), [0, 2, 1, 3]);
	for (let l = 0; l < s.layers; l++) {
		if (pruned && !pruned.attention[l]) x = g.add(x, p[`l${l}.o.b`]);
		else {
			const h = layerNorm(g, x, p[`l${l}.ln1.g`], p[`l${l}.ln1.b`]);
			const q = split(linear(g, h, p, `l${l}.q`));
			const k = split(linear(g, h, p, `l${l}.k`));
			const v = split(linear(g, h, p, `l${l}.v`));
			const scores = g.add(g.mul(g.matMul(q, g.transpose(k, [0, 1, 3, 2])), 1 / Math.sqrt(dk)), inp.mask);
			const a = g.softmax(scores, -1);
			const heads = g.reshape(g.transpose(g.matMul(a, v), [0, 2, 1, 3]), [0, 0, pruned ? -1 : s.dModel]);
			x = g.add(x, linear(g, heads, p, `l${l}.o`));
			out.attn.push(a);
			out.q.push(q);
			out.k.push(k);
			out.v.push(v);
		}
		if (pruned && !pruned.mlp[l]) x = g.add(x, p[`l${l}.mlp2.b`]);
		else {
			const h2 = layerNorm(g, x, p[`l${l}.ln2.g`], p[`l${l}.ln2.b`]);
			x = g.add(x, linear(g, g.relu(linear(g, h2, p, `l${l}.mlp1`)), p, `l${l}.mlp2`));
		}
	}
	out.logits = linear(g, layerNorm(g, x, p['ln_f.g'], p['ln_f.b']), p, 'out');
	return out;
}

/** −10⁹ above the diagonal (causal) and on keys at or past `length` (padding), else 0. */
export function maskValues(seq: number, causal: boolean, length = seq): Float32Array {
	const m = new Float32Array(seq * seq);
	for (let i = 0; i < seq; i++) for (let j = 0; j < seq; j++) if ((causal && j > i) || j >= length) m[i * seq + j] = MASKED;
	return m;
}

/**
 * The training model: batches of `tokens` (int64 [batch, MAX_LEN]) with `targets` (int64, the
 * next token at scored positions and −1 elsewhere); the loss is the mean cross-entropy over the
 * scored positions only.
 */
export function trainableTransformer(s: TransformerShape, batch: number): TrainableModel {
	const seq = s.maxLen;
	return {
		name: 'attention_transformer',
		params: paramSpecs(s),
		inputs: [{ name: 'tokens', shape: [batch, seq], dtype: 'int64' }],
		targets: [{ name: 'targets', shape: [batch, seq], dtype: 'int64' }],
		predict(g, params, inputs) {
			const positions = g.int64Constant(
				Array.from({ length: seq }, (_, i) => i),
				[seq]
			);
			const mask = g.constant(maskValues(seq, true), [seq, seq]);
			return transformerForward(g, s, params, { tokens: inputs.tokens, positions, mask }).logits;
		},
		loss(g, logits, targets) {
			const hot = oneHot(g, targets.targets, s.vocab);
			const picked = g.reduceSum(g.mul(hot, g.logSoftmax(logits, -1)), undefined, false);
			return g.neg(g.div(picked, g.reduceSum(hot, undefined, false)));
		}
	};
}

/** Names of the inference graph's outputs, in the order the compute code reads them. */
export function outputNames(s: TransformerShape): string[] {
	const names = ['logits'];
	for (let l = 0; l < s.layers; l++) names.push(`attn${l}`, `q${l}`, `k${l}`, `v${l}`);
	return names;
}

/**
 * The inference graph. Inputs (all float32, so the page feeds plain arrays; ids are cast inside):
 * `tokens` [batch, seq], `positions` [seq], `mask` [seq, seq], `pos_scale` [1]. With `weights`
 * the parameters are initializers (the shipped file); without, they are inputs named
 * `param.<name>` (the live-training snapshot graph).
 */
export function buildTransformerInference(s: TransformerShape, weights?: ParamValues): Uint8Array {
	const g = new GraphBuilder('attention_transformer');
	const params: Tensors = {};
	for (const p of paramSpecs(s)) {
		if (weights) {
			const values = weights[p.name];
			if (!values) throw new Error(`buildTransformerInference: no weights for ${p.name}`);
			params[p.name] = g.initializer(p.name, values, p.shape);
		} else params[p.name] = g.input(`param.${p.name}`, p.shape);
	}
	const tokens = g.cast(g.input('tokens', ['batch', 'seq']), 'int64');
	const positions = g.cast(g.input('positions', ['seq']), 'int64');
	const mask = g.input('mask', ['seq', 'seq']);
	const posScale = g.input('pos_scale', [1]);
	const f = transformerForward(g, s, params, { tokens, positions, mask, posScale });
	g.output(f.logits, 'logits');
	for (let l = 0; l < s.layers; l++) {
		g.output(f.attn[l], `attn${l}`);
		g.output(f.q[l], `q${l}`);
		g.output(f.k[l], `k${l}`);
		g.output(f.v[l], `v${l}`);
	}
	return g.toBytes();
}
