/**
 * Structured pruning runs as the smaller model it leaves (smaller.ts, prunedModel.ts): fewer
 * heads and neurons in smaller matrices, a block with nothing left dropped. It must compute what
 * the full-size graph computes with those units zeroed (qmodel.ts, fed the zeroed weights), and
 * be as small as the pruning says: its matrices hold the linear weights less the removed units'
 * (counted here from the model's shape), and its FLOPs are figure 5's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import '../../tests/support/ort';
import { SHAPE } from '$labs/attention-heatmaps/model';
import type { Task } from '$labs/attention-heatmaps/tasks';
import { heldOutLogits } from './accuracy';
import { buildPrunedTransformer, prunedFlops, prunedScorer } from './prunedModel';
import { ALL_HEADS, MLPS, type Head } from './heads';
import { linearFlops, linearWeightCount, removedNeurons, withoutHeads, prune } from './pruning';
import { LINEAR_WEIGHTS } from './qmodel';
import { smallerFor, smallerModel, type SmallerModel } from './smaller';
import { readWeights, type WeightTensor } from './weights';

const weightsOf = (task: Task) => readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url))));
const d = SHAPE.dModel;
const dk = d / SHAPE.heads;
/** Linear weights of one MLP neuron (a column of W₁, a row of W₂) and of one head (d_k columns of W_q, W_k, W_v, d_k rows of W_o). */
const PER_NEURON = 2 * d;
const PER_HEAD = 4 * d * dk;

function largestGap(a: Float32Array, b: Float32Array): number {
	expect(a.length).toBe(b.length);
	let worst = 0;
	for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
	return worst;
}

/** The declared widths of the smaller graph's weight inputs (read back from the ONNX file). */
async function declaredInputs(bytes: Uint8Array): Promise<string[]> {
	const session = await ort.InferenceSession.create(bytes);
	const names = [...session.inputNames];
	await session.release();
	return names;
}

describe('the smaller model computes what the zeroed full-size one does', () => {
	const w = weightsOf('copy');
	const smaller = prunedScorer('copy', 'wasm');
	const cases: { name: string; zeroed: () => Map<string, WeightTensor>; model: () => SmallerModel }[] = [];
	for (const k of [1, 17, 40, SHAPE.dMlp - 1, SHAPE.dMlp]) {
		cases.push({ name: `${k} of ${SHAPE.dMlp} neurons per MLP`, zeroed: () => prune(w, 'neurons', (k * MLPS.length * PER_NEURON) / linearWeightCount(w)), model: () => smallerModel(w, removedNeurons(w, k), []) });
	}
	const headSets: Head[][] = [[ALL_HEADS[2]], ALL_HEADS.slice(0, SHAPE.heads), [ALL_HEADS[1], ALL_HEADS[5], ALL_HEADS[6]], [...ALL_HEADS]];
	for (const heads of headSets) cases.push({ name: `heads ${heads.map((h) => `${h.layer}:${h.head}`).join(' ')}`, zeroed: () => withoutHeads(w, heads), model: () => smallerModel(w, new Map(), heads) });

	for (const c of cases) {
		it(`${c.name}: logits within 1e-5`, async () => {
			const model = c.model();
			const zeroed = await heldOutLogits('copy', c.zeroed(), null, 'wasm');
			const gap = largestGap(await smaller.logits(model), zeroed);
			expect(gap).toBeLessThan(1e-5);
		});
	}

	it('a head taken from the middle of a layer leaves the others attending as before (not just the first d_k columns kept)', async () => {
		// Removing head 2 of layer 1 and keeping heads 0, 1, 3 must differ from keeping heads 0, 1, 2.
		const model = smallerModel(w, new Map(), [ALL_HEADS[2]]);
		const wrong = smallerModel(w, new Map(), [ALL_HEADS[3]]);
		expect(largestGap(await smaller.logits(model), await smaller.logits(wrong))).toBeGreaterThan(1e-3);
	});
});

describe('the smaller model is smaller', () => {
	const w = weightsOf('sort');
	const total = LINEAR_WEIGHTS.reduce((n, name) => n + w.get(name)!.data.length, 0);

	it('removing k neurons per MLP leaves matrices that hold 2k(d + d) fewer weights, and its FLOPs are figure 5\'s', () => {
		for (const sparsity of [0.1, 0.3, 0.45]) {
			const model = smallerFor(w, 'neurons', sparsity);
			const k = SHAPE.dMlp - model.weights.get('l0.mlp1.w')!.shape[1];
			expect(k).toBeGreaterThan(0);
			expect(model.weights.get('l1.mlp2.w')!.shape).toEqual([SHAPE.dMlp - k, d]);
			expect(prunedFlops(model)).toBe(2 * (total - MLPS.length * k * PER_NEURON));
			expect(prunedFlops(model)).toBe(linearFlops(w, 'neurons', sparsity));
		}
	});

	it('removing heads leaves d_k fewer columns of W_q, W_k, W_v and rows of W_o per head, and its FLOPs are figure 5\'s', () => {
		const order = [ALL_HEADS[0], ALL_HEADS[4], ALL_HEADS[5], ALL_HEADS[1], ALL_HEADS[2], ALL_HEADS[6], ALL_HEADS[3], ALL_HEADS[7]];
		for (const sparsity of [0.05, 0.15, 0.3]) {
			const model = smallerFor(w, 'heads', sparsity, order);
			const gone = (SHAPE.heads * dk - model.weights.get('l0.q.w')!.shape[1] + SHAPE.heads * dk - model.weights.get('l1.o.w')!.shape[0]) / dk;
			expect(gone).toBeGreaterThan(0);
			expect(prunedFlops(model)).toBe(2 * (total - gone * PER_HEAD));
			expect(prunedFlops(model)).toBe(linearFlops(w, 'heads', sparsity));
		}
	});

	it('a block with no unit left is not in the graph: no inputs for its matrices or its norm', async () => {
		const noMlps = smallerModel(w, removedNeurons(w, SHAPE.dMlp), []);
		expect(noMlps.blocks.mlp).toEqual([false, false]);
		const inputs = await declaredInputs(buildPrunedTransformer(noMlps.blocks));
		expect(inputs).toContain('param.l0.mlp2.b');
		for (const gone of ['param.l0.mlp1.w', 'param.l0.mlp1.b', 'param.l0.mlp2.w', 'param.l1.ln2.g']) expect(inputs).not.toContain(gone);
		const noHeads = smallerModel(w, new Map(), ALL_HEADS.slice(SHAPE.heads));
		expect(noHeads.blocks.attention).toEqual([true, false]);
		const headInputs = await declaredInputs(buildPrunedTransformer(noHeads.blocks));
		expect(headInputs).toContain('param.l0.q.w');
		expect(headInputs).toContain('param.l1.o.b');
		for (const gone of ['param.l1.q.w', 'param.l1.v.b', 'param.l1.o.w', 'param.l1.ln1.b']) expect(headInputs).not.toContain(gone);
		expect(prunedFlops(noHeads)).toBe(2 * (total - SHAPE.heads * PER_HEAD));
	});
});
