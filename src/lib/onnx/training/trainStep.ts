/**
 * One ONNX graph for one whole training step: forward, loss, backward (autodiff) and the
 * optimizer update. Feeding it the current parameters, optimizer state, a batch and the
 * hyperparameters returns the next parameters and state, and the loss (of the parameters fed,
 * i.e. before the update).
 *
 * Names, chosen so that a runner can wire outputs back to inputs by a rule:
 *   inputs  param.<p>   state.<s>   batch.<b>   hp.<h>
 *   outputs param.<p>.next   state.<s>.next   loss   [grad_norm]
 */
import { gradients } from '../autodiff';
import { GraphBuilder, type Tensor } from '../graph';
import { hyperDefaults, optimizerStep, type OptimizerConfig } from '../optimizers';
import type { DType, Shape } from '../shape';
import { decays, type TrainableModel, type Tensors } from './model';

/** A tensor carried from one step to the next: fed as `input`, returned as `output`. */
export interface CarriedTensor {
	name: string;
	input: string;
	output: string;
	shape: readonly number[];
}

export interface BatchSlot {
	name: string;
	input: string;
	shape: Shape;
	dtype: DType;
}

/** Everything a runner needs to drive the graph; plain data, so it can be posted to a worker. */
export interface TrainStepIO {
	params: CarriedTensor[];
	/** Optimizer state; every slot starts at zeros. */
	state: CarriedTensor[];
	batch: BatchSlot[];
	/** Hyperparameter input names (`hp.<name>`) and their default values. */
	hyper: Record<string, number>;
	loss: string;
	gradNorm: string | null;
}

export interface TrainStepGraph {
	bytes: Uint8Array;
	io: TrainStepIO;
}

export const nextName = (input: string) => `${input}.next`;

function numericShape(t: Tensor, what: string): number[] {
	if (!t.shape.every((d): d is number => typeof d === 'number')) throw new Error(`${what} ${t.name} needs a numeric shape`);
	return [...t.shape];
}

export function buildTrainStep(model: TrainableModel, optimizer: OptimizerConfig): TrainStepGraph {
	const g = new GraphBuilder(`${model.name}_train_step`);
	const params: Tensors = {};
	for (const p of model.params) params[p.name] = g.input(`param.${p.name}`, p.shape);
	const batchTensors: Tensors = {};
	const batch: BatchSlot[] = [];
	for (const b of [...model.inputs, ...model.targets]) {
		const dtype = b.dtype ?? 'float32';
		batchTensors[b.name] = g.input(`batch.${b.name}`, b.shape, dtype);
		batch.push({ name: b.name, input: `batch.${b.name}`, shape: b.shape, dtype });
	}
	const pick = (specs: TrainableModel['inputs']) => Object.fromEntries(specs.map((s) => [s.name, batchTensors[s.name]]));

	const prediction = model.predict(g, params, pick(model.inputs));
	const loss = model.loss(g, prediction, pick(model.targets));
	const grads = gradients(
		g,
		loss,
		model.params.map((p) => params[p.name])
	);
	const update = optimizerStep(
		g,
		optimizer,
		model.params.map((p, i) => ({ name: p.name, value: params[p.name], grad: grads[i], decay: decays(p) }))
	);

	const io: TrainStepIO = { params: [], state: [], batch, hyper: {}, loss: 'loss', gradNorm: null };
	for (const { name, next } of update.params) {
		const input = `param.${name}`;
		g.output(next, nextName(input));
		io.params.push({ name, input, output: nextName(input), shape: numericShape(params[name], 'Parameter') });
	}
	for (const slot of update.state) {
		g.output(slot.next, nextName(slot.input.name));
		io.state.push({ name: slot.name, input: slot.input.name, output: nextName(slot.input.name), shape: numericShape(slot.input, 'State') });
	}
	for (const [name, value] of Object.entries(hyperDefaults(optimizer))) io.hyper[`hp.${name}`] = value;
	g.output(loss, io.loss);
	if (update.gradNorm) io.gradNorm = g.output(update.gradNorm, 'grad_norm').name;
	return { bytes: g.toBytes(), io };
}
