/**
 * Optimizer updates as graph nodes, so one ONNX graph holds a whole training step. Every
 * hyperparameter is a float32 scalar graph INPUT (`hp.lr`, `hp.momentum`, …), so a slider can
 * change it between steps without rebuilding the graph; the optimizer's state tensors are
 * inputs too (`state.<param>.<slot>`, `state.step`) and their updated values are returned for
 * the caller to expose as outputs (`trainStep.ts` names them `….next`).
 *
 * Updates follow PyTorch's definitions (so results can be checked against them):
 * - SGD with momentum: v ← μ·v + ĝ;  p ← p − lr·v              (ĝ = g + λ·p when decay is on)
 * - Adam:  m ← β₁m + (1−β₁)ĝ;  v ← β₂v + (1−β₂)ĝ²;  t ← t + 1;
 *          p ← p − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)     (ĝ as for SGD: L2 decay)
 * - AdamW: as Adam on the raw g, after the decoupled decay p ← p − lr·λ·p.
 * - Optional global-norm clipping first: g ← g · min(1, c / (‖g‖ + 1e-6)), ‖g‖ over all params.
 *
 * Weight decay applies to the params flagged `decay` (by convention matrices, not biases).
 */
import type { GraphBuilder, Tensor } from './graph';
import { numElements } from './shape';

export type OptimizerKind = 'sgd' | 'adam' | 'adamw';

export interface OptimizerConfig {
	kind: OptimizerKind;
	lr: number;
	/** SGD momentum μ (default 0.9; 0 is plain SGD). */
	momentum?: number;
	/** Adam(W) moment decays and ε (defaults 0.9, 0.999, 1e-8). */
	beta1?: number;
	beta2?: number;
	eps?: number;
	/** λ: L2 added to the gradient for SGD and Adam, decoupled for AdamW (default 0; AdamW 0.01). */
	weightDecay?: number;
	/** When set, gradients are rescaled to this global norm at most (the norm is an input too). */
	clipNorm?: number;
	/** Also return the global gradient norm (before clipping) as a tensor. */
	gradNorm?: boolean;
	/**
	 * Update every parameter as one flat vector: the same arithmetic in a dozen kernels instead of
	 * a dozen per parameter, at the cost of one concatenation and one slice per parameter; the
	 * optimizer state is then `state.flat.<slot>`. Meant for GPUs, where each kernel launch has a
	 * fixed cost. Measured on this machine it changed nothing: WASM does the same arithmetic
	 * either way, and SwiftShader's step time is its matrix products. Off by default.
	 */
	flat?: boolean;
}

export interface ParamGrad {
	name: string;
	value: Tensor;
	grad: Tensor;
	decay: boolean;
}

/** An optimizer state tensor: its graph input, its updated value, zeros at the start. */
export interface StateSlot {
	name: string;
	input: Tensor;
	next: Tensor;
}

/** A hyperparameter input and the value it takes unless the caller feeds another. */
export interface HyperSlot {
	name: string;
	input: Tensor;
	value: number;
}

export interface OptimizerNodes {
	params: { name: string; next: Tensor }[];
	state: StateSlot[];
	hyper: HyperSlot[];
	/** ‖g‖ over all params before clipping, when asked for or clipping. */
	gradNorm: Tensor | null;
}

/** Default hyperparameter values of each optimizer (the learning rate always comes from the config). */
export function hyperDefaults(config: OptimizerConfig): Record<string, number> {
	const out: Record<string, number> = { lr: config.lr };
	if (config.kind === 'sgd') out.momentum = config.momentum ?? 0.9;
	else {
		out.beta1 = config.beta1 ?? 0.9;
		out.beta2 = config.beta2 ?? 0.999;
		out.eps = config.eps ?? 1e-8;
	}
	const decay = config.weightDecay ?? (config.kind === 'adamw' ? 0.01 : undefined);
	if (decay !== undefined) out.weight_decay = decay;
	if (config.clipNorm !== undefined) out.clip_norm = config.clipNorm;
	return out;
}

function declareHyper(g: GraphBuilder, config: OptimizerConfig): { slots: HyperSlot[]; get(name: string): Tensor | null } {
	const slots = Object.entries(hyperDefaults(config)).map(([name, value]) => ({ name, value, input: g.input(`hp.${name}`, []) }));
	return { slots, get: (name) => slots.find((s) => s.name === name)?.input ?? null };
}

/** ‖g‖₂ over every gradient, as one scalar. */
function globalNorm(g: GraphBuilder, grads: readonly Tensor[]): Tensor {
	const squares = grads.map((t) => g.reduceSumSquare(t, undefined, false));
	return g.sqrt(squares.reduce((acc, s) => g.add(acc, s)));
}

export function optimizerStep(g: GraphBuilder, config: OptimizerConfig, params: readonly ParamGrad[]): OptimizerNodes {
	const hp = declareHyper(g, config);
	const state: StateSlot[] = [];
	const stateInput = (name: string, like: Tensor) => g.input(`state.${name}`, like.shape);

	const norm = config.clipNorm !== undefined || config.gradNorm ? globalNorm(g, params.map((p) => p.grad)) : null;
	let grads = params.map((p) => p.grad);
	if (config.clipNorm !== undefined && norm) {
		const coef = g.div(hp.get('clip_norm')!, g.add(norm, 1e-6));
		const scale = g.where(g.greater(coef, 1), 1, coef);
		grads = grads.map((t) => g.mul(t, scale));
	}

	const targets: Target[] = config.flat
		? [flatTarget(g, params, grads)]
		: params.map((p, i) => ({ name: p.name, value: p.value, grad: grads[i], decay: p.decay ? 'all' : 'none' }));
	const lr = hp.get('lr')!;
	const lambda = hp.get('weight_decay');
	/** λ·x where the target decays (λ·x·mask for a flat target), or null. */
	const decayOf = (t: Target, x: Tensor): Tensor | null =>
		!lambda || t.decay === 'none' ? null : t.decay === 'all' ? g.mul(lambda, x) : g.mul(g.mul(lambda, x), t.decay);
	const withL2 = (t: Target): Tensor => {
		// SGD and Adam add λ·p to the gradient; AdamW decays the weights themselves instead.
		const l2 = config.kind === 'adamw' ? null : decayOf(t, t.value);
		return l2 ? g.add(t.grad, l2) : t.grad;
	};

	let updated: { name: string; next: Tensor }[];
	if (config.kind === 'sgd') {
		const mu = hp.get('momentum')!;
		updated = targets.map((target) => {
			const velocity = stateInput(`${target.name}.velocity`, target.value);
			const v = g.add(g.mul(mu, velocity), withL2(target));
			state.push({ name: `${target.name}.velocity`, input: velocity, next: v });
			return { name: target.name, next: g.sub(target.value, g.mul(lr, v)) };
		});
	} else {
		const [beta1, beta2, eps] = [hp.get('beta1')!, hp.get('beta2')!, hp.get('eps')!];
		const step = g.input('state.step', []);
		const t = g.add(step, 1);
		state.push({ name: 'step', input: step, next: t });
		// βᵗ = exp(t · ln β): both are runtime inputs, and Pow with a tensor exponent is not needed.
		const correction1 = g.sub(1, g.exp(g.mul(t, g.log(beta1))));
		const correction2 = g.sub(1, g.exp(g.mul(t, g.log(beta2))));
		const stepSize = g.div(lr, correction1);
		const oneMinusB1 = g.sub(1, beta1);
		const oneMinusB2 = g.sub(1, beta2);
		updated = targets.map((target) => {
			const m0 = stateInput(`${target.name}.m`, target.value);
			const v0 = stateInput(`${target.name}.v`, target.value);
			const grad = withL2(target);
			const m = g.add(g.mul(beta1, m0), g.mul(oneMinusB1, grad));
			const v = g.add(g.mul(beta2, v0), g.mul(oneMinusB2, g.mul(grad, grad)));
			state.push({ name: `${target.name}.m`, input: m0, next: m }, { name: `${target.name}.v`, input: v0, next: v });
			const denom = g.add(g.sqrt(g.div(v, correction2)), eps);
			const decoupled = config.kind === 'adamw' ? decayOf(target, g.mul(lr, target.value)) : null;
			const base = decoupled ? g.sub(target.value, decoupled) : target.value;
			return { name: target.name, next: g.sub(base, g.mul(stepSize, g.div(m, denom))) };
		});
	}
	const next = config.flat ? unflatten(g, params, updated[0].next) : updated;
	return { params: next, state, hyper: hp.slots, gradNorm: norm };
}

/** What one update acts on: a parameter, or (flat) every parameter as one vector. */
interface Target {
	name: string;
	value: Tensor;
	grad: Tensor;
	/** Where weight decay applies: everywhere, nowhere, or where a 0/1 vector is 1. */
	decay: 'all' | 'none' | Tensor;
}

function sizeOf(t: Tensor): number {
	const n = numElements(t.shape);
	if (n === null) throw new Error(`optimizer (flat): ${t.name} needs a numeric shape`);
	return n;
}

/** Every parameter and gradient as one vector, and the decay mask over it. */
function flatTarget(g: GraphBuilder, params: readonly ParamGrad[], grads: readonly Tensor[]): Target {
	const flatten = (xs: readonly Tensor[]) => g.concat(
		xs.map((x) => g.reshape(x, [-1])),
		0
	);
	const decaying = params.filter((p) => p.decay).length;
	let decay: Target['decay'] = decaying === params.length ? 'all' : 'none';
	if (decaying > 0 && decaying < params.length) {
		const mask = params.flatMap((p) => new Array<number>(sizeOf(p.value)).fill(p.decay ? 1 : 0));
		decay = g.constant(mask, [mask.length]);
	}
	return { name: 'flat', value: flatten(params.map((p) => p.value)), grad: flatten(grads), decay };
}

/** The updated flat vector cut back into one tensor per parameter. */
function unflatten(g: GraphBuilder, params: readonly ParamGrad[], flat: Tensor): { name: string; next: Tensor }[] {
	let offset = 0;
	return params.map((p) => {
		const n = sizeOf(p.value);
		const piece = g.slice(flat, [offset], [offset + n], [0]);
		offset += n;
		return { name: p.name, next: g.reshape(piece, p.value.shape as number[]) };
	});
}
