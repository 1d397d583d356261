/**
 * `distill-teacher`: the quantization lab's figure 6 teacher, shipped as
 * static/models/distill-teacher.onnx. A ReLU MLP 2 → 64 → 64 → 64 → 3 (He init) trained with
 * AdamW (lr 0.01 with cosine decay, weight decay 1e-4) on 8192 points of the noisy three-arm (one turn each)
 * spirals (seed 1), minibatches of 512, for 1500 steps. The file takes x [batch, 2] and returns
 * its logits as `prediction`; the page softens them with its own T.
 */
import type * as OrtTypes from 'onnxruntime-web';
import { teacherModel } from '../../labs/quantization/distill';
import { DISTILL, heldOutPoints, spiralPoints } from '../../labs/quantization/distillConfig';
import { argmaxAccuracy } from '../../labs/quantization/distillRegions';
import { cosineLr, type TrainRecipe } from './recipe';

/** Share of the held-out points whose largest logit is their arm. */
export async function teacherAccuracy(ort: typeof OrtTypes, bytes: Uint8Array): Promise<number> {
	const { points, labels } = heldOutPoints();
	const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
	try {
		const out = await session.run({ x: new ort.Tensor('float32', points, [labels.length, 2]) });
		return argmaxAccuracy(out.prediction.data as Float32Array, labels);
	} finally {
		await session.release();
	}
}

export function distillTeacherRecipe(): TrainRecipe {
	const { seed, count, batch, steps, lr, weightDecay } = DISTILL.teacher;
	const { points, labels } = spiralPoints(count, seed);
	return {
		name: 'distill-teacher',
		description: 'three-arm noisy spirals teacher, ReLU MLP 2-64-64-64-3',
		seed,
		model: teacherModel(batch),
		optimizer: { kind: 'adamw', lr, weightDecay },
		batches: {
			dataset: { tensors: { x: { data: points, dims: [count, 2] }, label: { data: BigInt64Array.from(labels, (c) => BigInt(c)), dims: [count] } } },
			batchSize: batch,
			seed: seed + 1
		},
		steps,
		schedule: cosineLr(lr),
		evaluate: async (ort, bytes) => ({ heldOutAccuracy: await teacherAccuracy(ort, bytes) })
	};
}
