/**
 * Data and jobs for training the lab's transformer: the build-time recipes
 * (scripts/train/attentionTasks.ts) and the "train it yourself" figure use the same model,
 * the same data and the same optimizer, so the shipped weights are what the reader's run
 * would reach with enough steps.
 */
import type { Dataset } from '$lib/onnx/training/batches';
import type { TrainingJob } from '$lib/onnx/training/driver';
import { initialParams } from '$lib/onnx/training/model';
import type { OptimizerConfig } from '$lib/onnx/optimizers';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { SHAPE, trainableTransformer } from './model';
import { drawInputs, inputKey, MAX_LEN, PAD, scoredPositions, sequenceOf, type Task } from './tasks';

/** Sequences padded to MAX_LEN (int64 ids) and their targets (−1 where nothing is scored). */
export function encodeExamples(task: Task, inputs: readonly number[][]): { tokens: BigInt64Array; targets: BigInt64Array } {
	const tokens = new BigInt64Array(inputs.length * MAX_LEN).fill(BigInt(PAD));
	const targets = new BigInt64Array(inputs.length * MAX_LEN).fill(-1n);
	inputs.forEach((x, n) => {
		sequenceOf(task, x).forEach((t, i) => (tokens[n * MAX_LEN + i] = BigInt(t)));
		for (const { position, target } of scoredPositions(task, x)) targets[n * MAX_LEN + position] = BigInt(target);
	});
	return { tokens, targets };
}

export function taskDataset(task: Task, count: number, seed: number): Dataset {
	const { tokens, targets } = encodeExamples(task, drawInputs(task, count, seed));
	return {
		tensors: {
			tokens: { data: tokens, dims: [count, MAX_LEN] },
			targets: { data: targets, dims: [count, MAX_LEN] }
		}
	};
}

/** Held-out inputs: drawn from another seed, minus any input that occurs in the training set. */
export function heldOutInputs(task: Task, count: number, seed: number, trainCount: number, trainSeed: number): number[][] {
	const seen = new Set(drawInputs(task, trainCount, trainSeed).map(inputKey));
	return drawInputs(task, count, seed).filter((x) => !seen.has(inputKey(x)));
}

/** Share of scored positions whose largest logit is the right token (logits [n, MAX_LEN, vocab]). */
export function tokenAccuracy(task: Task, inputs: readonly number[][], logits: Float32Array, vocab: number): number {
	let right = 0;
	let total = 0;
	inputs.forEach((x, n) => {
		for (const { position, target } of scoredPositions(task, x)) {
			const row = logits.subarray((n * MAX_LEN + position) * vocab, (n * MAX_LEN + position + 1) * vocab);
			let best = 0;
			for (let c = 1; c < vocab; c++) if (row[c] > row[best]) best = c;
			total++;
			if (best === target) right++;
		}
	});
	return right / total;
}

export const TRAINING = {
	seed: 7,
	batch: 64,
	examples: 20000,
	steps: 1200,
	optimizer: { kind: 'adamw', lr: 0.003, weightDecay: 0.01 } as OptimizerConfig,
	heldOutSeed: 9007,
	heldOutCount: 2000
};

/** A short live run for the browser: fewer examples and steps, same model and optimizer. */
export const LIVE = { examples: 4096, steps: 400, lossEvery: 10, snapshotEvery: 20 } as const;

export function liveTrainingJob(task: Task, seed: number): TrainingJob {
	const model = trainableTransformer(SHAPE, TRAINING.batch);
	const { bytes, io } = buildTrainStep(model, TRAINING.optimizer);
	return {
		bytes,
		io,
		params: initialParams(model, seed),
		batches: { dataset: taskDataset(task, LIVE.examples, seed), batchSize: TRAINING.batch, seed: seed + 1 },
		maxSteps: LIVE.steps,
		lossEvery: LIVE.lossEvery
	};
}
