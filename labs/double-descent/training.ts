/**
 * Figure 5's training graph and jobs: a linear readout without bias on the fixed random features,
 * trained on the mean squared error by plain full-batch gradient descent (SGD, momentum 0, every
 * step on all n points), written as a `TrainableModel` so the shared training-step builder emits
 * the forward pass, the backward pass and the update as one ONNX graph.
 *
 *   prediction = Φ w   (Φ: [n, p] fed as the batch, w: [p, 1] the only parameter)
 *   loss = (1/n) ‖Φ w − y‖²
 */
import { meanSquaredError } from '$lib/onnx/losses';
import type { TrainingJob } from '$lib/onnx/training/driver';
import type { TrainableModel } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import type { GdProblem } from './gdProblem';
import { logSteps } from './gdProblem';

export function linearReadout(n: number, p: number): TrainableModel {
	return {
		name: `dd_readout_${n}x${p}`,
		// decay: false: nothing but the data term moves w (no weight decay even if asked).
		params: [{ name: 'w', shape: [p, 1], init: { kind: 'zeros' }, decay: false }],
		inputs: [{ name: 'phi', shape: [n, p] }],
		targets: [{ name: 'y', shape: [n, 1] }],
		predict: (g, params, { phi }) => g.matMul(phi, params.w),
		loss: (g, prediction, { y }) => meanSquaredError(g, prediction, y)
	};
}

/** One GD run on `problem` from `start` for `steps` steps, the iterate read back at log-spaced steps. */
export function gdJob(problem: GdProblem, start: ArrayLike<number>, steps: number): TrainingJob {
	const { n, p } = problem;
	const { bytes, io } = buildTrainStep(linearReadout(n, p), { kind: 'sgd', lr: problem.lr, momentum: 0 });
	return {
		bytes,
		io,
		params: { w: Float32Array.from(start) },
		batches: {
			dataset: { tensors: { phi: { data: Float32Array.from(problem.train), dims: [n, p] }, y: { data: Float32Array.from(problem.y), dims: [n, 1] } } },
			batchSize: n,
			seed: 0
		},
		maxSteps: steps,
		// The loss comes back with every parameter reading; otherwise rarely (each read syncs a GPU).
		lossEvery: Math.max(1, Math.ceil(steps / 20)),
		paramsAt: logSteps(steps)
	};
}
