/**
 * The published formulas this lab draws: parameter count, model-state bytes per precision and
 * ZeRO stage, activations per layer (Korthikanti et al. 2022), checkpointing every k layers
 * (Chen et al. 2016), and training FLOPs. Pure maths in float64: no DOM, no ONNX.
 */

export type Precision = 'fp32' | 'mixed';
export type Recompute = 'none' | 'selective' | 'full' | 'every-k';
export type ZeroStage = 0 | 1 | 2 | 3;

export interface TransformerShape {
	/** Layers L, width h, heads a, vocabulary V, sequence s. */
	L: number;
	h: number;
	a: number;
	V: number;
	s: number;
}

/** Ψ = 12Lh² + 13Lh + (V + s)h: weights and biases of L layers plus token and position embeddings. */
export function parameterCount({ L, h, V, s }: TransformerShape): number {
	return 12 * L * h * h + 13 * L * h + (V + s) * h;
}

/** Layers per stage: as even as can be, the spare ones on the first stages. */
export function stageLayers(L: number, p: number): number[] {
	return Array.from({ length: p }, (_, i) => Math.floor(L / p) + (i < L % p ? 1 : 0));
}

/**
 * Parameters of pipeline stage `i` of `p`: its layers, plus the token and position embeddings on
 * the first and a copy of the (tied) token embedding as the output head on the last, as Megatron
 * keeps it. With p = 1 the one stage holds Ψ.
 */
export function stageParameters(s: TransformerShape, p: number, i: number): number {
	const layers = parameterCount({ ...s, L: stageLayers(s.L, p)[i], V: 0, s: 0 });
	const embedding = i === 0 ? parameterCount({ ...s, L: 0 }) : 0;
	const head = i === p - 1 && p > 1 ? parameterCount({ ...s, L: 0, s: 0 }) : 0;
	return layers + embedding + head;
}

/**
 * Micro-batches whose activations the first pipeline stage holds at its peak (it holds the
 * most): GPipe runs every forward before any backward (m); 1F1B starts backward once the
 * pipeline is full (p, or m when fewer); interleaved 1F1B with v chunks per stage warms up
 * with p − 1 more chunks of 1/v stage each (Narayanan et al. 2021). One stage is plain gradient
 * accumulation: a micro-batch's activations go with its backward.
 */
export function microBatchesHeld(p: number, m: number, schedule: 'gpipe' | '1f1b' | 'interleaved', v: number): number {
	if (p === 1) return 1;
	if (schedule === 'gpipe') return m;
	// One chunk per stage is plain 1F1B.
	if (schedule === '1f1b' || v === 1) return Math.min(p, m);
	return Math.min(m, p + (p - 1) / v);
}

/** Bytes per parameter of each model state under Adam (Rajbhandari et al. 2020, section 3.1). */
export interface StateBytes {
	params: number;
	grads: number;
	/** Adam's first and second moments, fp32 in both precisions. */
	adam: number;
	/** The fp32 copy of the weights mixed precision updates (0 in fp32 training). */
	master: number;
}

export function stateBytesPerParam(prec: Precision): StateBytes {
	return prec === 'fp32' ? { params: 4, grads: 4, adam: 8, master: 0 } : { params: 2, grads: 2, adam: 8, master: 4 };
}

export const totalStateBytes = (b: StateBytes) => b.params + b.grads + b.adam + b.master;

/**
 * The model-state bytes one GPU holds for `psi` parameters on `n` data-parallel GPUs: ZeRO-1
 * shards the optimizer states (Adam and master), ZeRO-2 the gradients too, ZeRO-3 (FSDP) the
 * parameters too.
 */
export function shardedStateBytes(psi: number, prec: Precision, zero: ZeroStage, n: number): StateBytes {
	const b = stateBytesPerParam(prec);
	const share = (sharded: boolean, bytes: number) => (psi * bytes) / (sharded ? n : 1);
	return {
		params: share(zero >= 3, b.params),
		grads: share(zero >= 2, b.grads),
		adam: share(zero >= 1, b.adam),
		master: share(zero >= 1, b.master)
	};
}

/**
 * Elements each GPU sends per step, in units of Ψ·(N−1)/N: a ring all-reduce of the gradients
 * is a reduce-scatter plus an all-gather (2); ZeRO-1 and 2 do the same two halves; ZeRO-3 also
 * all-gathers the parameters again for backward (3).
 */
export const trafficFactor = (zero: ZeroStage) => (zero === 3 ? 3 : 2);

/** Bytes one GPU sends per step for the gradient and parameter collectives (16-bit when mixed). */
export function trafficBytes(psi: number, prec: Precision, zero: ZeroStage, n: number): number {
	if (n <= 1) return 0;
	return trafficFactor(zero) * ((n - 1) / n) * psi * stateBytesPerParam(prec).grads;
}

/**
 * ZeRO-3 / FSDP keeps no whole layer, so before computing one it all-gathers that unit's
 * parameters (one layer: 12h² + 13h, split over t tensor-parallel GPUs) in the compute precision,
 * and prefetches the next unit meanwhile: two units live at once.
 */
export function gatheredUnitBytes(h: number, prec: Precision, t = 1): number {
	const unit = (12 * h * h + 13 * h) / t;
	return 2 * unit * stateBytesPerParam(prec).params;
}

/** Bytes per element of a stored activation (dropout masks are one byte in both). */
export const activationElementBytes = (prec: Precision) => (prec === 'fp32' ? 4 : 2);

/**
 * One layer's stored activations, in units of sbh bytes, split as Korthikanti et al. do: the
 * part tensor parallelism leaves whole on every GPU (layer-norm inputs, the QKV and MLP inputs,
 * two dropout masks), the part it splits t ways (Q, K, V, attention output, the MLP's 4h
 * tensors), and the a·s² part (softmax, its dropout output and mask) per sbh.
 */
export interface LayerActivationTerms {
	replicated: number;
	split: number;
	/** Multiply by a·s/h for sbh units. */
	quadratic: number;
}

export function layerActivationTerms(prec: Precision): LayerActivationTerms {
	const e = activationElementBytes(prec);
	return { replicated: 4 * e + 2, split: 12 * e, quadratic: 2 * e + 1 };
}

/** The tensors of one layer, in bytes per sbh (the s² ones per a·s²·b): figure 2's bars. */
export interface ActivationTensor {
	name: string;
	/** 'sbh' or 'as2b': which size it scales with. */
	scales: 'sbh' | 'as2b';
	/** Bytes per unit of its size. */
	bytes: number;
	/** Split across tensor-parallel ranks without sequence parallelism. */
	split: boolean;
	/** Figure 2's bar it joins. */
	group: ActivationGroup;
}

export const ACTIVATION_GROUPS = ['inputs', 'Q, K, V', 'softmax', 'masks', 'MLP'] as const;
export type ActivationGroup = (typeof ACTIVATION_GROUPS)[number];

export function layerActivationTensors(prec: Precision): ActivationTensor[] {
	const e = activationElementBytes(prec);
	return [
		{ name: 'layer-norm inputs', scales: 'sbh', bytes: 2 * e, split: false, group: 'inputs' },
		{ name: 'QKV input', scales: 'sbh', bytes: e, split: false, group: 'inputs' },
		{ name: 'Q and K', scales: 'sbh', bytes: 2 * e, split: true, group: 'Q, K, V' },
		{ name: 'V', scales: 'sbh', bytes: e, split: true, group: 'Q, K, V' },
		{ name: 'softmax output', scales: 'as2b', bytes: e, split: true, group: 'softmax' },
		{ name: 'attention dropout output', scales: 'as2b', bytes: e, split: true, group: 'softmax' },
		{ name: 'attention dropout mask', scales: 'as2b', bytes: 1, split: true, group: 'masks' },
		{ name: 'output projection input', scales: 'sbh', bytes: e, split: true, group: 'inputs' },
		{ name: 'MLP input', scales: 'sbh', bytes: e, split: false, group: 'MLP' },
		{ name: 'MLP 4h tensors (GeLU in and out)', scales: 'sbh', bytes: 8 * e, split: true, group: 'MLP' },
		{ name: 'residual dropout masks', scales: 'sbh', bytes: 2, split: false, group: 'masks' }
	];
}

export interface ActivationSetup extends TransformerShape {
	b: number;
	prec: Precision;
	/** Tensor-parallel degree t and sequence parallelism. */
	t: number;
	sp: boolean;
}

/** One layer's activations in bytes with nothing recomputed, on one of t tensor-parallel GPUs. */
export function layerActivationBytes(x: ActivationSetup, dropQuadratic = false): number {
	const { replicated, split, quadratic } = layerActivationTerms(x.prec);
	const sbh = x.s * x.b * x.h;
	const whole = x.sp ? replicated / x.t : replicated;
	const attention = dropQuadratic ? 0 : (quadratic * x.a * x.s) / (x.h * x.t);
	return sbh * (whole + split / x.t + attention);
}

/** Bytes of one layer's input kept as a checkpoint (split t ways under sequence parallelism). */
export function checkpointBytes(x: ActivationSetup): number {
	return (x.s * x.b * x.h * activationElementBytes(x.prec)) / (x.sp ? x.t : 1);
}

/** What activations cost one GPU for all L layers: what stays stored, and what recompute needs at its peak. */
export interface ActivationMemory {
	stored: number;
	/** Extra bytes live while a recomputed segment runs its backward (0 with no recompute). */
	workingSet: number;
}

/** M(k) = (L/k)·checkpoint + k·layer: keep every k-th layer's input, recompute k layers at a time. */
export function everyKBytes(x: ActivationSetup, k: number): ActivationMemory {
	return { stored: (x.L / k) * checkpointBytes(x), workingSet: k * layerActivationBytes(x) };
}

/** k* = √(L·c/w) minimises (L/k)·c + k·w for checkpoint bytes c and layer bytes w (√L when c = w). */
export const bestInterval = (L: number, c: number, w: number) => Math.sqrt((L * c) / w);

/** k* for a transformer: √(2L/(34 + 5as/h)) at 16 bits. */
export function optimalInterval(x: ActivationSetup): number {
	return bestInterval(x.L, checkpointBytes(x), layerActivationBytes(x));
}

export function activationMemory(x: ActivationSetup, mode: Recompute, k: number): ActivationMemory {
	switch (mode) {
		case 'none':
			return { stored: x.L * layerActivationBytes(x), workingSet: 0 };
		case 'selective':
			// The a·s² tensors are recomputed from Q, K and V in backward (FlashAttention never stores them).
			return { stored: x.L * layerActivationBytes(x, true), workingSet: 0 };
		case 'full':
			return { stored: x.L * checkpointBytes(x), workingSet: layerActivationBytes(x) };
		case 'every-k':
			return everyKBytes(x, Math.min(Math.max(1, k), x.L));
	}
}

/** Training FLOPs per token: 6Ψ for the weights (2 forward, 4 backward) plus 12Lsh for attention scores. */
export function flopsPerToken(psi: number, x: Pick<TransformerShape, 'L' | 's' | 'h'>, mode: Recompute = 'none'): number {
	const weights = 6 * psi;
	const attention = 12 * x.L * x.s * x.h;
	switch (mode) {
		case 'none':
			return weights + attention;
		case 'selective':
			// Only the score and softmax-times-V products run forward once more.
			return weights + attention + attention / 3;
		case 'full':
		case 'every-k':
			// One more forward pass of every layer: 8Ψ, 4/3 of the work.
			return ((weights + attention) * 4) / 3;
	}
}

/** Model FLOPs utilisation: the FLOP/s the model needs at this throughput over what the chips offer. */
export function modelFlopsUtilization(flopsPerTokenModel: number, tokensPerSecond: number, chips: number, peakFlops: number): number {
	return (flopsPerTokenModel * tokensPerSecond) / (chips * peakFlops);
}
