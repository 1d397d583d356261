/**
 * Figure 4 (PTQ vs QAT), its models: the attention lab's transformer fine-tuned from
 * its shipped weights, either through the quantizer (quantization-aware training) or in float
 * (the control), and scored after every few steps by the same quantized forward pass on the
 * held-out sequences of figure 2.
 *
 * Quantized forward: every linear weight matrix (and the embeddings, with `emb`) rounded to a
 * symmetric b-bit grid, s = max|w| / (2^{b−1} − 1) per tensor or per output column, and every
 * linear layer's input fake-quantized on the activation grid calibrated on the float model
 * (figure 2's calibration; fixed during training). Backward: the straight-through estimator,
 *   ŵ = w + sg(q(w) − w),          ∂ŵ/∂w = 1;
 *   x̂ = c + sg(q(c) − c), c = clip(x, range),   ∂x̂/∂x = 1 inside the range, 0 outside,
 * with sg the builder's stopGradient; the scales are constants of the step (sg too).
 */
import { paramSpecs, SHAPE, trainableTransformer, transformerForward, maskValues } from '$labs/attention-heatmaps/model';
import { encodeExamples, taskDataset } from '$labs/attention-heatmaps/training';
import type { Task } from '$labs/attention-heatmaps/tasks';
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';
import type { TrainingJob } from '$lib/onnx/training/driver';
import type { ParamValues, Tensors, TrainableModel } from '$lib/onnx/training/model';
import { buildProbe } from '$lib/onnx/training/probeGraph';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { probeSteps } from '$labs/vanishing-gradients/boundary';
import type { Backend } from '$lib/onnx/backend';
import { actGrids, heldOut, linearInputs } from './accuracy';
import type { Calibration } from './calibrate';
import { EMBEDDINGS, LINEAR_WEIGHTS } from './qmodel';
import { QAT } from './qatConfig';
import type { Granularity, Grid, Scheme } from './quantizer';
import type { WeightTensor } from './weights';

export type QatMode = 'qat' | 'float';

export interface QatSettings {
	task: Task;
	/** Weight bits (symmetric grid). */
	wbits: number;
	gran: Granularity;
	emb: boolean;
	steps: number;
	seed: number;
}

/** ŵ = w + sg(q(w) − w) on the symmetric b-bit grid of the tensor or of each output column. */
export function steWeight(g: GraphBuilder, w: Tensor, bits: number, gran: Granularity): Tensor {
	const qmax = 2 ** (bits - 1) - 1;
	const absmax = gran === 'tensor' ? g.reduceMax(g.abs(w), undefined, false) : g.reduceMax(g.abs(w), [0], true);
	const s = g.stopGradient(g.div(absmax, qmax));
	// |w| ≤ max|w| keeps floor(w/s + ½) within ±qmax: no clip needed.
	const q = g.mul(g.floor(g.add(g.div(w, s), 0.5)), s);
	return g.add(w, g.stopGradient(g.sub(q, w)));
}

/** x̂ = c + sg(q(c) − c), c = x clipped to the grid's range (lo, hi in steps: q_min − z, q_max − z). */
export function steActivation(g: GraphBuilder, x: Tensor, grid: Grid): Tensor {
	const { scale: s } = grid;
	const lo = (grid.qmin - grid.zero) * s;
	const hi = (grid.qmax - grid.zero) * s;
	// clip(x, lo, hi) = lo + relu(x − lo) − relu(x − hi): gradient 1 inside, 0 outside.
	const c = g.sub(g.add(g.relu(g.sub(x, lo)), lo), g.relu(g.sub(x, hi)));
	const q = g.mul(g.floor(g.add(g.div(c, s), 0.5)), s);
	return g.add(c, g.stopGradient(g.sub(q, c)));
}

const quantizedMatrix = (name: string, emb: boolean) => LINEAR_WEIGHTS.includes(name) || (emb && (EMBEDDINGS as readonly string[]).includes(name));

/** The transformer at `batch` rows whose forward pass runs through the quantizer (`acts`: the activation grids per linear layer, or null for float activations). */
export function quantizedTransformer(s: QatSettings, acts: Map<string, Grid> | null, batch: number): TrainableModel {
	const base = trainableTransformer(SHAPE, batch);
	const seq = SHAPE.maxLen;
	return {
		...base,
		name: 'quantization_qat_transformer',
		predict(g, params, inputs) {
			const p: Tensors = { ...params };
			for (const name of Object.keys(params)) if (quantizedMatrix(name, s.emb)) p[name] = steWeight(g, params[name], s.wbits, s.gran);
			const positions = g.int64Constant(
				Array.from({ length: seq }, (_, i) => i),
				[seq]
			);
			const mask = g.constant(maskValues(seq, true), [seq, seq]);
			const onInput = acts ? (x: Tensor, name: string) => steActivation(g, x, acts.get(name)!) : undefined;
			return transformerForward(g, SHAPE, p, { tokens: inputs.tokens, positions, mask }, onInput).logits;
		}
	};
}

/** The shipped weights as a training run's starting parameters (copies: the run transfers them). */
export function shippedParams(weights: Map<string, WeightTensor>): ParamValues {
	const out: ParamValues = {};
	for (const p of paramSpecs(SHAPE)) {
		const w = weights.get(p.name);
		if (!w) throw new Error(`The model has no tensor “${p.name}”.`);
		out[p.name] = w.data.slice();
	}
	return out;
}

/**
 * One run of figure 4: `mode` 'qat' trains through the quantizer, 'float' trains the plain
 * transformer; both are probed with the quantized forward pass on figure 2's held-out sequences
 * (so the float run's probe is PTQ of its current weights). Step 0's probe is PTQ of the shipped model.
 */
export function qatJob(mode: QatMode, s: QatSettings, weights: Map<string, WeightTensor>, acts: Map<string, Grid> | null): TrainingJob {
	const quantized = quantizedTransformer(s, acts, QAT.batch);
	const model = mode === 'qat' ? quantized : trainableTransformer(SHAPE, QAT.batch);
	const { bytes, io } = buildTrainStep(model, QAT.optimizer);
	const inputs = heldOut(s.task);
	const { tokens } = encodeExamples(s.task, inputs);
	return {
		bytes,
		io,
		params: shippedParams(weights),
		batches: { dataset: taskDataset(s.task, QAT.examples, 100 + s.seed), batchSize: QAT.batch, seed: s.seed },
		maxSteps: s.steps,
		lossEvery: 5,
		probe: {
			bytes: buildProbe(quantizedTransformer(s, acts, inputs.length), inputs.length),
			feeds: { tokens: { data: tokens, dims: [inputs.length, SHAPE.maxLen] } },
			at: probeSteps(s.steps, QAT.probeEvery)
		}
	};
}

/** What the activation grids of a QAT pair are made from: the bits (or off), scheme and calibration. */
export interface QatActivations {
	task: Task;
	/** Activation bits, or off (float activations). */
	abits: 'off' | '4' | '5' | '6' | '7' | '8';
	/** The activation grid's scheme and calibration (weights are always symmetric). */
	scheme: Scheme;
	calib: Calibration;
	pct: number;
}

/** The grids the runs round every linear layer's input to, calibrated on the float model; null with float activations. */
export async function qatActGrids(s: QatActivations, weights: Map<string, WeightTensor>, backend: Backend): Promise<Map<string, Grid> | null> {
	if (s.abits === 'off') return null;
	return actGrids(await linearInputs(s.task, weights, backend), { bits: Number(s.abits), scheme: s.scheme, calib: s.calib, pct: s.pct });
}
