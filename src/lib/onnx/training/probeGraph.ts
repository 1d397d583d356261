/**
 * The probe graph of a trainable model (see probe.ts): its own `predict`, with the parameters as
 * inputs named `param.<p>` (as in the training step) and the model's inputs given `rows` rows,
 * optionally followed by `derive` (e.g. softmax, one class's column). One output, `probe`.
 */
import { GraphBuilder, type Tensor } from '../graph';
import type { TrainableModel, Tensors } from './model';
import { PROBE_OUTPUT } from './probe';

export function buildProbe(model: TrainableModel, rows: number, derive?: (g: GraphBuilder, prediction: Tensor) => Tensor): Uint8Array {
	const g = new GraphBuilder(`${model.name}_probe`);
	const params: Tensors = {};
	for (const p of model.params) params[p.name] = g.input(`param.${p.name}`, p.shape);
	const inputs: Tensors = {};
	for (const spec of model.inputs) inputs[spec.name] = g.input(spec.name, [rows, ...spec.shape.slice(1)], spec.dtype ?? 'float32');
	const prediction = model.predict(g, params, inputs);
	g.output(derive ? derive(g, prediction) : prediction, PROBE_OUTPUT);
	return g.toBytes();
}
