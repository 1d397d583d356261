/**
 * The training job behind figure 6's "one real step": the graph the figure reads (the attention
 * lab's transformer, its loss, our autodiff's backward) with the attention lab's AdamW appended
 * by `buildTrainStep`, fed one batch of random tokens. Two steps on that same batch, so the loss
 * is read before the update and after it. Imported only when the reader presses Run.
 */
import { TRAINING } from '$labs/attention-heatmaps/training';
import { trainableTransformer } from '$labs/attention-heatmaps/model';
import { VOCAB } from '$labs/attention-heatmaps/tasks';
import type { TrainingJob } from '$lib/onnx/training/driver';
import { initialParams } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { createRng } from '$lib/random';
import { shapeOf, type GraphModel } from './graphMemory';

/** Steps run: the loss is read at each, for the parameters it is fed, so after 0 and 1 updates. */
export const GRAPH_STEPS = 2;

/** `count` sequences of `seq` random token ids, as int64. */
function randomTokens(count: number, seq: number, seed: number): BigInt64Array {
	const rng = createRng(seed);
	return BigInt64Array.from({ length: count * seq }, () => BigInt(Math.floor(rng.uniform() * VOCAB)));
}

export function graphStepJob(m: GraphModel, seed: number): TrainingJob {
	const model = trainableTransformer(shapeOf(m), m.batch);
	const { bytes, io } = buildTrainStep(model, TRAINING.optimizer);
	const dims = [m.batch, m.seq];
	return {
		bytes,
		io,
		params: initialParams(model, seed),
		// Exactly one batch: both steps see the same examples (in another order, which a mean ignores).
		batches: {
			dataset: { tensors: { tokens: { data: randomTokens(m.batch, m.seq, seed + 1), dims }, targets: { data: randomTokens(m.batch, m.seq, seed + 2), dims } } },
			batchSize: m.batch,
			seed: seed + 3
		},
		maxSteps: GRAPH_STEPS,
		lossEvery: 1
	};
}
