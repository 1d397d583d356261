/**
 * What a trainable model is: its parameters (names, shapes, how to initialize them), the
 * tensors a batch holds, a `predict` that builds the forward pass and a `loss` on top of it.
 * One description serves both the training-step graph (`trainStep.ts`) and the inference graph
 * with trained weights baked in (`inference.ts`).
 *
 * Initialization draws through the seeded generator, so one seed gives the same weights on
 * every machine.
 */
import type { GraphBuilder, Tensor } from '../graph';
import type { DType, Shape } from '../shape';
import { createRng } from '../../random';

export type ParamInit =
	| { kind: 'zeros' }
	| { kind: 'normal'; std: number }
	/** Uniform on [−limit, limit). */
	| { kind: 'uniform'; limit: number }
	| { kind: 'constant'; value: number };

export interface ParamSpec {
	name: string;
	shape: readonly number[];
	init: ParamInit;
	/** Weight decay applies (default: tensors of rank ≥ 2, i.e. not biases). */
	decay?: boolean;
}

/** One tensor of a batch (its leading dim is the batch size). */
export interface BatchSpec {
	name: string;
	shape: Shape;
	dtype?: DType;
}

export type Tensors = Record<string, Tensor>;

export interface TrainableModel {
	name: string;
	params: readonly ParamSpec[];
	/** What `predict` reads (features). */
	inputs: readonly BatchSpec[];
	/** What only the loss reads (labels, targets). */
	targets: readonly BatchSpec[];
	predict(g: GraphBuilder, params: Tensors, inputs: Tensors): Tensor;
	loss(g: GraphBuilder, prediction: Tensor, targets: Tensors): Tensor;
}

export type ParamValues = Record<string, Float32Array>;

export const decays = (p: ParamSpec): boolean => p.decay ?? p.shape.length >= 2;

/** Fresh parameters for `model`, drawn in declaration order from one seeded stream. */
export function initialParams(model: TrainableModel, seed: number): ParamValues {
	const rng = createRng(seed);
	const out: ParamValues = {};
	for (const p of model.params) {
		const n = p.shape.reduce((a, b) => a * b, 1);
		const values = new Float32Array(n);
		const init = p.init;
		if (init.kind === 'normal') rng.fillNormal(values, init.std);
		else if (init.kind === 'uniform') for (let i = 0; i < n; i++) values[i] = (2 * rng.uniform() - 1) * init.limit;
		else if (init.kind === 'constant') values.fill(init.value);
		out[p.name] = values;
	}
	return out;
}
