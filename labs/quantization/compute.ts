/**
 * One state's results: reads the trained weights of the chosen task's shipped transformer
 * (static/models/attention-<task>.onnx, downloaded once by the shipped-model loader), runs the
 * analytic quantizer on the chosen tensor (TypeScript) and dequantizes its codes with a one-node
 * ONNX graph (the figure's MSE and SQNR come from that output). Figure 2's sweep is not part of
 * a state's results: the reader runs it (accuracyRun.ts), and the build measures the default
 * state's once (`sweepOf`, through the controller's computeFor) for the prerendered page.
 * When figure 1 shows a linear layer's inputs, they come from the calibration graph's run
 * (accuracy.ts's linearInputs, made once per task and backend), and the grid is calibrated on them
 * in TypeScript (inputGrid.ts).
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/session';
import { shippedModels } from '$lib/onnx/shipped';
import { buildDequantGraph, codeTypeFor, DEQUANT_INPUTS, DEQUANT_OUTPUT, errorOf, typedCodes } from './dequant';
import { codesOf, quantizeMatrix } from './quantizer';
import { intBits } from './weightFormats';
import type { StateOf } from '$lib/state/schema';
import type { QuantizationSchema } from './lab';
import { accuracySweep, linearInputs, type AccuracySweep } from './accuracy';
import { INPUT_BITS_WHEN_FLOAT, summarizeInputs } from './inputGrid';
import { inputOf } from './figureTensor';
import { sweepKey, sweepSettingsOf } from './accuracyRun';
import { summarize, type GridResults, type QuantizationResults } from './summary';
import { readWeights, type WeightTensor } from './weights';

const decoded = new Map<string, Promise<Map<string, WeightTensor>>>();

export function weightsOf(task: string): Promise<Map<string, WeightTensor>> {
	let pending = decoded.get(task);
	if (!pending) {
		pending = shippedModels.bytes(`attention-${task}`).then(readWeights);
		pending.catch(() => decoded.delete(task)); // a failed download is retried next time
		decoded.set(task, pending);
	}
	return pending;
}

/** Figure 1 alone: the analytic grid of the chosen tensor (no model run). */
export async function computeGrid(state: StateOf<QuantizationSchema>): Promise<GridResults> {
	const weights = await weightsOf(state.task);
	const w = weights.get(state.tensor);
	if (!w) throw new Error(`The model for “${state.task}” has no tensor “${state.tensor}”.`);
	return summarize(state.tensor, w, { format: state.wbits, scheme: state.scheme, gran: state.gran });
}

/** The chosen tensor dequantized by the ONNX graph at `bits`: its MSE and SQNR. */
async function dequantizedError(state: StateOf<QuantizationSchema>, bits: number, w: WeightTensor, backend: Backend) {
	const [rows, cols] = w.shape;
	const { grids } = quantizeMatrix(w.data, rows, cols, bits, state.scheme, state.gran);
	const { codes, scales, zeros } = codesOf(w.data, rows, cols, grids);
	const typed = typedCodes(codes, zeros, grids, bits, [rows, cols]);
	const type = codeTypeFor(bits);
	const session = await getSession(backend, `quantization-dequant-${type}-${rows}x${cols}`, () => buildDequantGraph(rows, cols, type));
	const feeds = { [DEQUANT_INPUTS.codes]: typed.codes, [DEQUANT_INPUTS.scales]: { data: scales, dims: [cols] }, [DEQUANT_INPUTS.zeros]: typed.zeros };
	const out = await runSession(session, feeds);
	return errorOf(w.data, out[DEQUANT_OUTPUT].data);
}

const sweeps = new Map<string, Promise<AccuracySweep>>();
/** Bounded: a sweep is a few kB, but a reader may try every setting. */
const MAX_SWEEPS = 24;

/** Figure 2's sweep for the state, shared by every state that gives the same one (the build's prerender). */
export function sweepOf(state: StateOf<QuantizationSchema>, weights: Map<string, WeightTensor>, backend: Backend): Promise<AccuracySweep> {
	const settings = sweepSettingsOf(state, backend);
	const key = `${backend}:${sweepKey(settings)}`;
	let pending = sweeps.get(key);
	if (!pending) {
		pending = accuracySweep(state.task, weights, settings, backend);
		pending.catch(() => sweeps.delete(key)); // a failed run is tried again next time
		if (sweeps.size >= MAX_SWEEPS) sweeps.delete(sweeps.keys().next().value!);
		sweeps.set(key, pending);
	}
	return pending;
}

/**
 * One state's results for the page: figure 1's, a few milliseconds plus one small graph. A float
 * format has no codes to dequantize: its error is the TypeScript rounding's (floatFormats.ts).
 */
export async function computeQuantization(state: StateOf<QuantizationSchema>, backend: Backend): Promise<QuantizationResults> {
	const linear = inputOf(state.tensor);
	if (linear) return computeInputGrid(state, linear, backend);
	const [grid, weights] = await Promise.all([computeGrid(state), weightsOf(state.task)]);
	const bits = intBits(state.wbits);
	if (bits === null) return grid;
	const error = await dequantizedError(state, bits, weights.get(state.tensor)!, backend);
	return { ...grid, ...error };
}

/** Figure 1 for a linear layer's inputs: the calibrated per-tensor grid at the activation bits. */
async function computeInputGrid(state: StateOf<QuantizationSchema>, linear: string, backend: Backend): Promise<QuantizationResults> {
	const weights = await weightsOf(state.task);
	const x = (await linearInputs(state.task, weights, backend)).get(linear);
	const w = weights.get(`${linear}.w`);
	if (!x || !w) throw new Error(`The model for “${state.task}” has no linear layer “${linear}”.`);
	const bits = state.abits === 'off' ? INPUT_BITS_WHEN_FLOAT : Number(state.abits);
	return summarizeInputs(state.tensor, x, w.shape[0], { bits, scheme: state.scheme, calib: state.calib, pct: state.pct });
}
