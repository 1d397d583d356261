/**
 * A build-time training recipe: which model, on which data, with which optimizer and schedule,
 * for how many steps, from which seed, and how to export it. `scripts/train.ts` runs one;
 * `registry.ts` lists them.
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { BatchPlan } from '../../src/lib/onnx/training/batches';
import type { InferenceOptions } from '../../src/lib/onnx/training/inference';
import type { TrainableModel } from '../../src/lib/onnx/training/model';
import type { OptimizerConfig } from '../../src/lib/onnx/optimizers';
import type { ParamValues } from '../../src/lib/onnx/training/model';

export interface TrainRecipe {
	/** The shipped file is static/models/<name>.onnx. */
	name: string;
	description: string;
	seed: number;
	/** The model at its training batch size. */
	model: TrainableModel;
	optimizer: OptimizerConfig;
	batches: BatchPlan;
	steps: number;
	/** Hyperparameters per step (e.g. a learning-rate schedule); unset ones keep their values. */
	schedule?: (step: number, steps: number) => Record<string, number>;
	inference?: InferenceOptions;
	/** Writes the shipped file from the trained weights instead of `buildInference` (e.g. more outputs than the prediction). */
	exportModel?: (weights: ParamValues) => Uint8Array;
	/** Scores the exported .onnx on held-out data (printed by the script, checked by the tests). */
	evaluate?: (ort: typeof OrtTypes, bytes: Uint8Array) => Promise<Record<string, number>>;
}

/** Cosine decay from `lr` to `lr · floor` over the run. */
export const cosineLr =
	(lr: number, floor = 0.05) =>
	(step: number, steps: number) => ({ lr: lr * (floor + (1 - floor) * 0.5 * (1 + Math.cos((Math.PI * step) / steps))) });
