/**
 * Figure 1's network and its training job: an MLP 144 → width → width → 4 with ReLU, trained by
 * AdamW on softmax cross-entropy with the project's fused training-step graph (forward, loss,
 * backward by autodiff, AdamW update; weights and optimizer state as inputs, no initializers).
 * After every epoch a probe graph (the same forward pass on the current weights) gives the
 * log-probabilities of every training and validation image, from which curves.ts reads loss
 * and accuracy. He-initialized weights, zero biases.
 */
import type { Tensor } from '$lib/onnx/graph';
import { softmaxCrossEntropy } from '$lib/onnx/losses';
import type { OptimizerConfig } from '$lib/onnx/optimizers';
import type { Dataset } from '$lib/onnx/training/batches';
import type { TrainingJob } from '$lib/onnx/training/driver';
import { initialParams, type ParamSpec, type TrainableModel } from '$lib/onnx/training/model';
import type { ProbeJob } from '$lib/onnx/training/probe';
import { buildProbe } from '$lib/onnx/training/probeGraph';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { CLASSES, PIXELS, splitSets, type Glyphs } from './glyphs';
import { parameterCount } from './parameterCount';
import { BASE_WEIGHT_DECAY, batchSize, stepsPerEpoch, type RunSettings } from './settings';

/**
 * With `dropout`, the training graph also takes masks `mask1`, `mask2` ([batch, width], each
 * m/(1 − p), drawn per batch by the sampler) and multiplies each hidden layer by its mask: a Mul
 * autodiff already knows. The parameters are the same, so the plain model evaluates it.
 */
export function glyphMlp(width: number, batch: number, dropout = false): TrainableModel {
	const he = (fanIn: number) => ({ kind: 'normal' as const, std: Math.sqrt(2 / fanIn) });
	const params: ParamSpec[] = [
		{ name: 'w1', shape: [PIXELS, width], init: he(PIXELS) },
		{ name: 'b1', shape: [width], init: { kind: 'zeros' } },
		{ name: 'w2', shape: [width, width], init: he(width) },
		{ name: 'b2', shape: [width], init: { kind: 'zeros' } },
		{ name: 'w3', shape: [width, CLASSES], init: he(width) },
		{ name: 'b3', shape: [CLASSES], init: { kind: 'zeros' } }
	];
	return {
		name: dropout ? `glyph_mlp_${width}_dropout` : `glyph_mlp_${width}`,
		params,
		inputs: [{ name: 'x', shape: [batch, PIXELS] }, ...(dropout ? ['mask1', 'mask2'].map((name) => ({ name, shape: [batch, width] })) : [])],
		targets: [{ name: 'label', shape: [batch], dtype: 'int64' }],
		predict(g, p, { x, mask1, mask2 }) {
			const drop = (h: Tensor, mask: Tensor | undefined) => (mask ? g.mul(h, mask) : h);
			const h1 = drop(g.relu(g.add(g.matMul(x, p.w1), p.b1)), mask1);
			const h2 = drop(g.relu(g.add(g.matMul(h1, p.w2), p.b2)), mask2);
			return g.add(g.matMul(h2, p.w3), p.b3);
		},
		loss: (g, logits, { label }) => softmaxCrossEntropy(g, logits, label)
	};
}

export { parameterCount };

export function glyphDataset(set: Glyphs): Dataset {
	return {
		tensors: {
			x: { data: set.images, dims: [set.count, PIXELS] },
			label: { data: BigInt64Array.from(set.labels, (c) => BigInt(c)), dims: [set.count] }
		}
	};
}

export const optimizerFor = (lr: number): OptimizerConfig => ({ kind: 'adamw', lr, weightDecay: BASE_WEIGHT_DECAY });

/** The training images followed by the validation images, as one probe input. */
export function evalRows(train: Glyphs, val: Glyphs): Float32Array {
	const rows = new Float32Array((train.count + val.count) * PIXELS);
	rows.set(train.images, 0);
	rows.set(val.images, train.count * PIXELS);
	return rows;
}

/** The log-softmax of the network's logits on `rows` images ([rows, 4] flattened). */
export function evalProbe(model: TrainableModel, rows: Float32Array, at: readonly number[]): ProbeJob {
	const count = rows.length / PIXELS;
	return { bytes: buildProbe(model, count, (g, logits) => g.logSoftmax(logits, -1)), feeds: { x: { data: rows, dims: [count, PIXELS] } }, at };
}

/** The steps after which the run is evaluated: every epoch boundary, from 0 to the end. */
export const epochSteps = (n: number, epochs: number) => Array.from({ length: epochs + 1 }, (_, e) => e * stepsPerEpoch(n));

/**
 * The whole job of figure 1's run for these settings; its probe reads both sets every epoch, or
 * at the steps given (figure 5 reads only the end).
 */
export function symptomJob({ n, width, epochs, lr, seed, faults }: RunSettings, probeAt: readonly number[] = epochSteps(n, epochs)): TrainingJob {
	const batch = batchSize(n);
	const model = glyphMlp(width, batch);
	const { bytes, io } = buildTrainStep(model, optimizerFor(lr));
	const { train, val } = splitSets(n, seed, faults);
	const maxSteps = epochs * stepsPerEpoch(n);
	return {
		bytes,
		io,
		params: initialParams(model, seed),
		batches: { dataset: glyphDataset(train), batchSize: batch, seed: seed + 7 },
		maxSteps,
		lossEvery: stepsPerEpoch(n),
		probe: evalProbe(model, evalRows(train, val), probeAt)
	};
}
