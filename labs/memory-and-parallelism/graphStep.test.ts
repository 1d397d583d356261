/**
 * Figure 6's one real step, driven in Node on onnxruntime-web's WASM backend as the worker drives
 * it: the loss read before the update is the cross-entropy of the initial model on the batch,
 * recomputed here in float64 from the attention lab's inference graph run on the same weights
 * and tokens; one AdamW step on that batch lowers it.
 */
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { buildTransformerInference, maskValues, trainableTransformer } from '$labs/attention-heatmaps/model';
import { VOCAB } from '$labs/attention-heatmaps/tasks';
import { initialParams } from '$lib/onnx/training/model';
import { driveJob } from '$lib/recorded/drive';
import { createSession, runSession } from '../../tests/support/ort';
import { shapeOf, type GraphModel } from './graphMemory';
import { GRAPH_STEPS, graphStepJob } from './graphStepJob';

const MODEL: GraphModel = { layers: 2, h: 32, heads: 4, seq: 16, batch: 8 };
const SEED = 1;

/** Mean cross-entropy, in float64, of logits [b, s, V] against int64 targets [b, s]. */
function crossEntropy(logits: Float32Array, targets: BigInt64Array): number {
	let sum = 0;
	for (let row = 0; row < targets.length; row++) {
		const z = Array.from(logits.subarray(row * VOCAB, (row + 1) * VOCAB));
		const max = Math.max(...z);
		const logSum = max + Math.log(z.reduce((acc, v) => acc + Math.exp(v - max), 0));
		sum += logSum - z[Number(targets[row])];
	}
	return sum / targets.length;
}

describe('figure 6: one real training step of the graph it reads', { timeout: 60_000 }, () => {
	it('the loss before the update is the initial model’s cross-entropy on the batch; after one AdamW step it is lower', async () => {
		const job = graphStepJob(MODEL, SEED);
		const run = await driveJob(ort, job);
		expect(run.status, run.message ?? '').toBe('done');
		expect(run.step).toBe(GRAPH_STEPS);
		// A reading at step k is the loss of the parameters after k updates.
		expect(run.losses.map((p) => p.step)).toEqual([0, 1]);
		const [before, after] = run.losses.map((p) => p.loss);

		// The same weights and tokens through the inference graph, the loss recomputed here.
		const shape = shapeOf(MODEL);
		const weights = initialParams(trainableTransformer(shape, MODEL.batch), SEED);
		const session = await createSession(buildTransformerInference(shape, weights));
		const tokens = job.batches.dataset.tensors.tokens.data as BigInt64Array;
		const targets = job.batches.dataset.tensors.targets.data as BigInt64Array;
		const out = await runSession(session, {
			tokens: { data: Float32Array.from(tokens, Number), dims: [MODEL.batch, MODEL.seq] },
			positions: { data: Float32Array.from({ length: MODEL.seq }, (_, i) => i), dims: [MODEL.seq] },
			mask: { data: maskValues(MODEL.seq, true), dims: [MODEL.seq, MODEL.seq] },
			pos_scale: { data: Float32Array.of(1), dims: [1] }
		});
		const expected = crossEntropy(out.logits.data, targets);
		expect(Math.abs(before - expected)).toBeLessThan(1e-5);
		console.log(`figure 6 step: loss ${before} → ${after} (ln V = ${Math.log(VOCAB)})`);
		expect(after).toBeLessThan(before);
	});
});
