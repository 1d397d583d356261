/**
 * `spirals-mlp`: the two-spirals classifier shipped as static/models/spirals-mlp.onnx, the
 * "trained at build time" reference of the vanishing-gradients lab's figure 5.
 *
 * A ReLU MLP 2 → 64 → 64 → 64 → 64 → 2 with He init (the lab's `spiralsMlp`, depth 4), trained
 * with AdamW (lr 0.01 with cosine decay, weight decay 1e-4) on 2048 points of the two spirals
 * (seed 1), minibatches of 256, for 800 steps. The file takes x [batch, 2] and returns
 * `prediction` (logits [batch, 2]) and `probabilities` (softmax of the logits).
 */
import type * as OrtTypes from 'onnxruntime-web';
import { twoSpirals } from '../../src/lib/datasets/spirals';
import { spiralsDataset, spiralsMlp } from '../../labs/vanishing-gradients/training';
import { cosineLr, type TrainRecipe } from './recipe';

const SEED = 1;
/** Held-out points come from another seed: the same spirals, points never trained on. */
export const HELD_OUT_SEED = 1001;

export const SPIRALS_SHAPE = { depth: 4, width: 64, act: 'relu', init: 'he', residual: false } as const;

/** Share of held-out points whose larger logit is their class. */
export async function spiralsAccuracy(ort: typeof OrtTypes, bytes: Uint8Array, count = 2000, seed = HELD_OUT_SEED): Promise<number> {
	const { points, labels } = twoSpirals({ count, seed });
	const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
	try {
		const out = await session.run({ x: new ort.Tensor('float32', points, [count, 2]) });
		const logits = out.prediction.data as Float32Array;
		let correct = 0;
		for (let i = 0; i < count; i++) if (Number(logits[2 * i + 1] > logits[2 * i]) === labels[i]) correct++;
		return correct / count;
	} finally {
		await session.release();
	}
}

export function spiralsMlpRecipe(): TrainRecipe {
	const batch = 256;
	return {
		name: 'spirals-mlp',
		description: 'two-spirals classifier, ReLU MLP 2-64-64-64-64-2',
		seed: SEED,
		model: spiralsMlp({ ...SPIRALS_SHAPE, batch }),
		optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 1e-4 },
		batches: { dataset: spiralsDataset(2048, SEED), batchSize: batch, seed: SEED + 1 },
		steps: 800,
		schedule: cosineLr(0.01),
		inference: { extraOutputs: { probabilities: (g, logits) => g.softmax(logits, -1) } },
		evaluate: async (ort, bytes) => ({ heldOutAccuracy: await spiralsAccuracy(ort, bytes) })
	};
}
