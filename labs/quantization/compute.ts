/**
 * Figure 1 for one state: reads the trained weights of the chosen task's shipped transformer
 * (static/models/attention-<task>.onnx, downloaded once by the shipped-model loader) and runs
 * the analytic quantizer on the chosen tensor. No ONNX session: the grid is computed in
 * TypeScript, so both backends give the same numbers.
 */
import type { Backend } from '$lib/onnx/backend';
import { shippedModels } from '$lib/onnx/shipped';
import type { StateOf } from '$lib/state/schema';
import type { QuantizationSchema } from './lab';
import { summarize, type QuantizationResults } from './summary';
import { readWeights, type WeightTensor } from './weights';

const decoded = new Map<string, Promise<Map<string, WeightTensor>>>();

function weightsOf(task: string): Promise<Map<string, WeightTensor>> {
	let pending = decoded.get(task);
	if (!pending) {
		pending = shippedModels.bytes(`attention-${task}`).then(readWeights);
		pending.catch(() => decoded.delete(task)); // a failed download is retried next time
		decoded.set(task, pending);
	}
	return pending;
}

export async function computeQuantization(state: StateOf<QuantizationSchema>, _backend: Backend): Promise<QuantizationResults> {
	const weights = await weightsOf(state.task);
	const w = weights.get(state.tensor);
	if (!w) throw new Error(`The model for “${state.task}” has no tensor “${state.tensor}”.`);
	return summarize(state.tensor, w, { bits: state.wbits, scheme: state.scheme, gran: state.gran });
}
