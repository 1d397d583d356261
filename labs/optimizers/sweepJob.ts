/**
 * Figure 3's training jobs: plain SGD (no momentum) at one rate, every step on all 512 points,
 * from the same seeded initial weights. Imported only when a sweep starts (it builds the graph).
 */
import type { TrainingJob } from '$lib/onnx/training/driver';
import { initialParams } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { SWEEP } from './rateSweep';
import { SPIRAL, spiralData, spiralMlp } from './spiralMlp';

let graph: ReturnType<typeof buildTrainStep> | null = null;

/** The rate is a graph input (`hp.lr`), so the six runs share one graph. */
export function sweepJob(rate: number): TrainingJob {
	const model = spiralMlp(SPIRAL.examples);
	graph ??= buildTrainStep(model, { kind: 'sgd', lr: rate, momentum: 0 });
	return {
		bytes: graph.bytes,
		io: graph.io,
		params: initialParams(model, SPIRAL.seed),
		batches: { dataset: spiralData(), batchSize: SPIRAL.examples, seed: SWEEP.batchSeed },
		maxSteps: SWEEP.epochs,
		lossEvery: SWEEP.lossEvery,
		hyper: { lr: rate }
	};
}
