/**
 * Figure 5's training runs ("Does it train?") and the build-time spirals classifier: an MLP on
 * the two-spirals data, written once as a `TrainableModel` so the same description gives the
 * live training-step graph and the shipped inference graph.
 *
 * Network, for depth L and width n (layer 1 lifts the 2-D point to n units):
 *   h_1 = f(x W_1 + b_1),   h_l = [h_{l−1} +] f(h_{l−1} W_l + b_l)  (l = 2..L; + with residual)
 *   logits = h_L W_out + b_out,   loss = softmax cross-entropy against the class index
 * Every weight matrix is drawn from the chosen init (N(0, 1), Xavier or He); biases start at 0.
 * With residual connections the branch weights (layers 2..L) start with that std divided by √L:
 * otherwise each of the L additions doubles the variance under He init and a deep residual
 * stack starts with activations ~2^(L/2) times too large (and SGD diverges at once).
 */
import { softmaxCrossEntropy } from '$lib/onnx/losses';
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';
import type { OptimizerConfig } from '$lib/onnx/optimizers';
import type { Dataset } from '$lib/onnx/training/batches';
import type { TrainingJob } from '$lib/onnx/training/driver';
import { initialParams, type ParamInit, type ParamSpec, type TrainableModel } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import type { ProbeJob } from '$lib/onnx/training/probe';
import { buildProbe } from '$lib/onnx/training/probeGraph';
import { twoSpirals } from '$lib/datasets/spirals';
import { LEAKY_ALPHA, type Activation } from './model';
import { BOUNDARY, probePoints, probeSteps, type GridSpec } from './boundary';
import { LIVE, liveWidth, type TrainConfig, type TrainInit } from './trainingConfigs';

export interface SpiralsMlpOptions {
	depth: number;
	width: number;
	act: Activation;
	init: TrainInit;
	residual: boolean;
	batch: number;
}

const ACT: Record<Activation, (g: GraphBuilder, z: Tensor) => Tensor> = {
	sigmoid: (g, z) => g.sigmoid(z),
	tanh: (g, z) => g.tanh(z),
	relu: (g, z) => g.relu(z),
	leaky_relu: (g, z) => g.leakyRelu(z, LEAKY_ALPHA),
	gelu: (g, z) => g.gelu(z)
};

function weightInit(init: TrainInit, fanIn: number, fanOut: number): ParamInit {
	if (init === 'normal1') return { kind: 'normal', std: 1 };
	if (init === 'he') return { kind: 'normal', std: Math.sqrt(2 / fanIn) };
	return { kind: 'normal', std: Math.sqrt(2 / (fanIn + fanOut)) };
}

export const CLASSES = 2;

export function spiralsMlp(o: SpiralsMlpOptions): TrainableModel {
	const params: ParamSpec[] = [];
	for (let l = 1; l <= o.depth; l++) {
		const fanIn = l === 1 ? 2 : o.width;
		const init = weightInit(o.init, fanIn, o.width);
		const scaled = o.residual && l > 1 && init.kind === 'normal' ? { ...init, std: init.std / Math.sqrt(o.depth) } : init;
		params.push(
			{ name: `w${l}`, shape: [fanIn, o.width], init: scaled },
			{ name: `b${l}`, shape: [o.width], init: { kind: 'zeros' } }
		);
	}
	params.push(
		{ name: 'w_out', shape: [o.width, CLASSES], init: weightInit(o.init, o.width, CLASSES) },
		{ name: 'b_out', shape: [CLASSES], init: { kind: 'zeros' } }
	);
	const f = ACT[o.act];
	return {
		name: `spirals_mlp_${o.act}_${o.depth}x${o.width}${o.residual ? '_res' : ''}`,
		params,
		inputs: [{ name: 'x', shape: [o.batch, 2] }],
		targets: [{ name: 'label', shape: [o.batch], dtype: 'int64' }],
		predict(g, p, { x }) {
			let h = f(g, g.add(g.matMul(x, p.w1), p.b1));
			for (let l = 2; l <= o.depth; l++) {
				const a = f(g, g.add(g.matMul(h, p[`w${l}`]), p[`b${l}`]));
				h = o.residual ? g.add(h, a) : a;
			}
			return g.add(g.matMul(h, p.w_out), p.b_out);
		},
		loss: (g, logits, { label }) => softmaxCrossEntropy(g, logits, label)
	};
}

/** Two-spirals points as a training dataset: x [n, 2] float32, label [n] int64. */
export function spiralsDataset(count: number, seed: number): Dataset {
	const { points, labels } = twoSpirals({ count, seed });
	return {
		tensors: {
			x: { data: points, dims: [count, 2] },
			label: { data: BigInt64Array.from(labels, (c) => BigInt(c)), dims: [count] }
		}
	};
}

/**
 * The network's own forward graph on `points` ([rows, 2]) with the run's current weights: p(class 1)
 * per row, softmax of the logits as the loss sees them. See boundary.ts for what is fed.
 */
export function classProbabilityProbe(model: TrainableModel, points: Float32Array, at: readonly number[]): ProbeJob {
	const rows = points.length / 2;
	const bytes = buildProbe(model, rows, (g, logits) => g.reshape(g.slice(g.softmax(logits, 1), [1], [2], [1]), [rows]));
	return { bytes, feeds: { x: { data: points, dims: [rows, 2] } }, at };
}

/** The probe of figure 5: the boundary grid, then the training points. */
export function boundaryProbe(model: TrainableModel, train: Float32Array, maxSteps: number, grid: GridSpec = BOUNDARY): ProbeJob {
	return classProbabilityProbe(model, probePoints(grid, train), probeSteps(maxSteps, BOUNDARY.every));
}

// ---- figure 5: three configurations side by side --------------------------------------------

/** SGD with momentum: unlike Adam it does not rescale tiny gradients, so vanishing shows. */
export const LIVE_OPTIMIZER: OptimizerConfig = { kind: 'sgd', lr: LIVE.lr, momentum: LIVE.momentum, clipNorm: LIVE.clipNorm };

/** The training job for one configuration at the lab's depth and (capped) width. */
export function liveTrainingJob(config: TrainConfig, depth: number, width: number, seed: number): TrainingJob {
	const model = spiralsMlp({ depth, width: liveWidth(width), act: config.act, init: config.init, residual: config.residual, batch: LIVE.batch });
	const { bytes, io } = buildTrainStep(model, LIVE_OPTIMIZER);
	const dataset = spiralsDataset(LIVE.examples, seed);
	return {
		bytes,
		io,
		params: initialParams(model, seed),
		batches: { dataset, batchSize: LIVE.batch, seed: seed + 1 },
		maxSteps: LIVE.steps,
		lossEvery: LIVE.lossEvery,
		probe: boundaryProbe(model, dataset.tensors.x.data as Float32Array, LIVE.steps)
	};
}
