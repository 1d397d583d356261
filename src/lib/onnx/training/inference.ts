/**
 * The inference graph of a trained model: `predict` with the trained weights stored as
 * initializers, inputs named as the model names them, and a leading batch dim left symbolic
 * ('batch') so the shipped file takes any number of rows.
 *
 * Outputs: `prediction`, plus what `extraOutputs` derives from it (e.g. class probabilities).
 */
import { GraphBuilder, type Tensor } from '../graph';
import type { ParamValues, TrainableModel, Tensors } from './model';

export interface InferenceOptions {
	/** Name of the symbolic batch dim replacing every input's leading dim (default 'batch'). */
	batchDim?: string;
	/** More outputs computed from the prediction, by output name. */
	extraOutputs?: Record<string, (g: GraphBuilder, prediction: Tensor) => Tensor>;
}

export function buildInference(model: TrainableModel, weights: ParamValues, options: InferenceOptions = {}): Uint8Array {
	const batchDim = options.batchDim ?? 'batch';
	const g = new GraphBuilder(model.name);
	const params: Tensors = {};
	for (const p of model.params) {
		const values = weights[p.name];
		if (!values) throw new Error(`buildInference: no weights for ${p.name}`);
		params[p.name] = g.initializer(p.name, values, p.shape);
	}
	const inputs: Tensors = {};
	for (const spec of model.inputs) inputs[spec.name] = g.input(spec.name, [batchDim, ...spec.shape.slice(1)], spec.dtype ?? 'float32');
	const prediction = model.predict(g, params, inputs);
	g.output(prediction, 'prediction');
	for (const [name, derive] of Object.entries(options.extraOutputs ?? {})) g.output(derive(g, prediction), name);
	return g.toBytes();
}
