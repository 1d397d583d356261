/**
 * One state's results: reads the trained weights of the chosen task's shipped transformer
 * (static/models/attention-<task>.onnx, downloaded once by the shipped-model loader); figure 1
 * runs the analytic quantizer on the chosen tensor (TypeScript), figure 2 runs the model with its
 * weights rounded at every b (ONNX), kept per task and scheme so moving the other controls does
 * not run it again. Figure 2 runs on WebAssembly whatever the page's backend: its fifteen runs
 * did not finish within two minutes on the e2e suite's emulated WebGPU adapter (SwiftShader).
 */
import type { Backend } from '$lib/onnx/backend';
import { shippedModels } from '$lib/onnx/shipped';
import type { StateOf } from '$lib/state/schema';
import type { QuantizationSchema } from './lab';
import { accuracyByBits, type AccuracyByBits } from './accuracy';
import { summarize, type GridResults, type QuantizationResults } from './summary';
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

const accuracies = new Map<string, Promise<AccuracyByBits>>();

function accuracyOf(state: StateOf<QuantizationSchema>, weights: Map<string, WeightTensor>): Promise<AccuracyByBits> {
	const key = `${state.task}:${state.scheme}`;
	let pending = accuracies.get(key);
	if (!pending) {
		pending = accuracyByBits(state.task, weights, state.scheme, 'wasm');
		pending.catch(() => accuracies.delete(key));
		accuracies.set(key, pending);
	}
	return pending;
}

/** Figure 1 alone: the analytic grid of the chosen tensor (no model run). */
export async function computeGrid(state: StateOf<QuantizationSchema>): Promise<GridResults> {
	const weights = await weightsOf(state.task);
	const w = weights.get(state.tensor);
	if (!w) throw new Error(`The model for “${state.task}” has no tensor “${state.tensor}”.`);
	return summarize(state.tensor, w, { bits: state.wbits, scheme: state.scheme, gran: state.gran });
}

export async function computeQuantization(state: StateOf<QuantizationSchema>, _backend: Backend): Promise<QuantizationResults> {
	const [grid, weights] = await Promise.all([computeGrid(state), weightsOf(state.task)]);
	return { ...grid, accuracy: await accuracyOf(state, weights) };
}
