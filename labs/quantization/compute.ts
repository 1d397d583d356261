/**
 * One state's results: reads the trained weights of the chosen task's shipped transformer
 * (static/models/attention-<task>.onnx, downloaded once by the shipped-model loader); figure 1
 * runs the analytic quantizer on the chosen tensor (TypeScript) and dequantizes its codes with a
 * one-node ONNX graph on the page's backend (its MSE and SQNR come from that output); figure 2 runs the model with its
 * weights rounded at every b (ONNX), kept per task and scheme so moving the other controls does
 * not run it again. Figure 2 runs on WebAssembly whatever the page's backend: its fifteen runs
 * did not finish within two minutes on the e2e suite's emulated WebGPU adapter (SwiftShader).
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/runtime';
import { shippedModels } from '$lib/onnx/shipped';
import { buildDequantGraph, DEQUANT_INPUTS, DEQUANT_OUTPUT, errorOf } from './dequant';
import { codesOf, quantizeMatrix } from './quantizer';
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

/** The chosen tensor dequantized by the ONNX graph on `backend`: its MSE and SQNR. */
async function dequantizedError(state: StateOf<QuantizationSchema>, w: WeightTensor, backend: Backend) {
	const [rows, cols] = w.shape;
	const { grids } = quantizeMatrix(w.data, rows, cols, state.wbits, state.scheme, state.gran);
	const { codes, scales, zeros } = codesOf(w.data, rows, cols, grids);
	const session = await getSession(backend, 'quantization-dequant', buildDequantGraph);
	const out = await runSession(session, {
		[DEQUANT_INPUTS.codes]: { data: codes, dims: [rows, cols] },
		[DEQUANT_INPUTS.scales]: { data: scales, dims: [cols] },
		[DEQUANT_INPUTS.zeros]: { data: zeros, dims: [cols] }
	});
	return errorOf(w.data, out[DEQUANT_OUTPUT].data);
}

export async function computeQuantization(state: StateOf<QuantizationSchema>, backend: Backend): Promise<QuantizationResults> {
	const [grid, weights] = await Promise.all([computeGrid(state), weightsOf(state.task)]);
	const graph = await dequantizedError(state, weights.get(state.tensor)!, backend);
	return { ...grid, ...graph, accuracy: await accuracyOf(state, weights) };
}
