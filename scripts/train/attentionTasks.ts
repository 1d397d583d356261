/**
 * `attention-copy`, `attention-reverse`, `attention-sort`: the attention-heatmaps lab's three
 * transformers (labs/attention-heatmaps/model.ts: 2 layers, 4 heads, d_model 32, d_k 8, MLP 64,
 * vocabulary 12, length ≤ 15), one per task, shipped as static/models/attention-<task>.onnx.
 *
 * Each: seed 7, 20 000 training inputs (k = 3…7 digits), AdamW (lr 0.003 with cosine decay,
 * weight decay 0.01), minibatches of 64, 1200 steps. Held-out accuracy is the share of answer
 * tokens predicted right (teacher forcing) on 2000 inputs drawn from seed 9007, minus those
 * seen in training; the test computes it again from the shipped file.
 *
 * Results on this machine (2 shared cores, Node 20, one WASM thread), `npm run train -- attention-<task>`:
 *   attention-copy     38 s of training, final loss ≈ 0.0005, held-out token accuracy 1.0000 (1337 inputs)
 *   attention-reverse  25 s, held-out token accuracy 1.0000 (1468 inputs)
 *   attention-sort     24 s, held-out token accuracy 1.0000 (1337 inputs)
 * Each file is 80 KB (20 k parameters as float32). labs/attention-heatmaps/model.test.ts
 * recomputes the accuracies from the shipped files and checks a short rerun is byte-identical.
 */
import type * as OrtTypes from 'onnxruntime-web';
import { buildTransformerInference, maskValues, SHAPE, trainableTransformer } from '../../labs/attention-heatmaps/model';
import { MAX_LEN, VOCAB, type Task } from '../../labs/attention-heatmaps/tasks';
import { encodeExamples, heldOutInputs, taskDataset, tokenAccuracy, TRAINING } from '../../labs/attention-heatmaps/training';
import { cosineLr, type TrainRecipe } from './recipe';

/** Held-out token accuracy of a shipped attention model (runs the file, teacher forcing). */
export async function attentionAccuracy(ort: typeof OrtTypes, task: Task, bytes: Uint8Array): Promise<number> {
	const inputs = heldOutInputs(task, TRAINING.heldOutCount, TRAINING.heldOutSeed, TRAINING.examples, TRAINING.seed);
	const { tokens } = encodeExamples(task, inputs);
	const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
	try {
		const out = await session.run({
			tokens: new ort.Tensor('float32', Float32Array.from(tokens, Number), [inputs.length, MAX_LEN]),
			positions: new ort.Tensor('float32', Float32Array.from({ length: MAX_LEN }, (_, i) => i), [MAX_LEN]),
			mask: new ort.Tensor('float32', maskValues(MAX_LEN, true), [MAX_LEN, MAX_LEN]),
			pos_scale: new ort.Tensor('float32', Float32Array.of(1), [1])
		});
		return tokenAccuracy(task, inputs, out.logits.data as Float32Array, VOCAB);
	} finally {
		await session.release();
	}
}

export function attentionRecipe(task: Task): () => TrainRecipe {
	return () => ({
		name: `attention-${task}`,
		description: `2-layer, 4-head transformer on the ${task} task`,
		seed: TRAINING.seed,
		model: trainableTransformer(SHAPE, TRAINING.batch),
		optimizer: TRAINING.optimizer,
		batches: { dataset: taskDataset(task, TRAINING.examples, TRAINING.seed), batchSize: TRAINING.batch, seed: TRAINING.seed + 1 },
		steps: TRAINING.steps,
		schedule: cosineLr(TRAINING.optimizer.lr),
		exportModel: (weights) => buildTransformerInference(SHAPE, weights),
		evaluate: async (ort, bytes) => ({ heldOutTokenAccuracy: await attentionAccuracy(ort, task, bytes) })
	});
}
