/**
 * Runs a training recipe in Node on onnxruntime-web's WASM backend (one thread, so a seed gives
 * the same weights on every run) and returns the trained weights and the inference .onnx bytes.
 */
import type * as OrtTypes from 'onnxruntime-web';
import { buildInference } from '../../src/lib/onnx/training/inference';
import { TrainingLoop } from '../../src/lib/onnx/training/loop';
import { initialParams, type ParamValues } from '../../src/lib/onnx/training/model';
import { buildTrainStep } from '../../src/lib/onnx/training/trainStep';
import type { TrainRecipe } from './recipe';

export interface TrainResult {
	weights: ParamValues;
	bytes: Uint8Array;
	/** Loss readings (every `lossEvery` steps). */
	losses: { step: number; loss: number }[];
	seconds: number;
}

export interface TrainOptions {
	/** Stop after this many steps instead of the recipe's (determinism tests). */
	steps?: number;
	lossEvery?: number;
	onLoss?: (step: number, loss: number) => void;
}

export async function trainRecipe(ort: typeof OrtTypes, recipe: TrainRecipe, options: TrainOptions = {}): Promise<TrainResult> {
	const started = performance.now();
	const steps = options.steps ?? recipe.steps;
	const lossEvery = options.lossEvery ?? 100;
	const { bytes, io } = buildTrainStep(recipe.model, recipe.optimizer);
	const loop = await TrainingLoop.create(ort, {
		bytes,
		io,
		backend: 'wasm',
		params: initialParams(recipe.model, recipe.seed),
		batches: recipe.batches
	});
	const losses: TrainResult['losses'] = [];
	try {
		for (let step = 0; step < steps; step++) {
			for (const [name, value] of Object.entries(recipe.schedule?.(step, recipe.steps) ?? {})) loop.setHyper(name, value);
			const read = step % lossEvery === 0 || step === steps - 1;
			const { loss } = await loop.run(read);
			if (loss === null) continue;
			if (!Number.isFinite(loss)) throw new Error(`${recipe.name}: the loss became ${loss} at step ${step}`);
			losses.push({ step, loss });
			options.onLoss?.(step, loss);
		}
		const weights = await loop.readParams();
		return {
			weights,
			bytes: recipe.exportModel ? recipe.exportModel(weights) : buildInference(recipe.model, weights, recipe.inference),
			losses,
			seconds: (performance.now() - started) / 1000
		};
	} finally {
		await loop.release();
	}
}
