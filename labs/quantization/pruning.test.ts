/**
 * Figure 4's pruning rules (pruning.ts) on the shipped copy weights, each checked against its
 * definition written again here: what is zeroed, that nothing kept is smaller than what went,
 * the neuron scores in float64, and the FLOPs counted from the smaller MLP's shapes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramSpecs, SHAPE } from '$labs/attention-heatmaps/model';
import { linearFlops, linearWeightCount, neuronsFor, prune, removedFraction, removedNeurons, zeroFraction } from './pruning';
import { readWeights } from './weights';

const weights = readWeights(new Uint8Array(readFileSync(new URL('../../static/models/attention-copy.onnx', import.meta.url))));
const LINEAR = paramSpecs(SHAPE).filter((p) => /\.w$/.test(p.name));
const SPARSITIES = [0.1, 0.5, 0.9];

/** The largest |w| zeroed and the smallest |w| kept, over the named matrices. */
function split(pruned: Map<string, { data: Float32Array }>, names: string[]) {
	let maxGone = 0;
	let minKept = Infinity;
	let zeros = 0;
	for (const name of names) {
		const before = weights.get(name)!.data;
		pruned.get(name)!.data.forEach((v, i) => {
			if (v === 0) {
				zeros++;
				maxGone = Math.max(maxGone, Math.abs(before[i]));
			} else {
				expect(v).toBe(before[i]);
				minKept = Math.min(minKept, Math.abs(v));
			}
		});
	}
	return { maxGone, minKept, zeros };
}

describe('magnitude pruning', () => {
	it('the shipped linear weights have no exact zeros (so zeros counted after pruning are the pruned ones)', () => {
		for (const p of LINEAR) expect(weights.get(p.name)!.data.includes(0), p.name).toBe(false);
	});
	it('per layer: each matrix loses the nearest count to the fraction, none kept smaller than one removed', () => {
		for (const s of SPARSITIES) {
			const pruned = prune(weights, 'layer', s);
			for (const p of LINEAR) {
				const n = p.shape[0] * p.shape[1];
				const { maxGone, minKept, zeros } = split(pruned, [p.name]);
				expect(zeros, `${p.name} at ${s}`).toBe(Math.round(s * n));
				expect(maxGone).toBeLessThanOrEqual(minKept);
			}
		}
	});
	it('global: one threshold over all thirteen matrices, and the layers lose different fractions', () => {
		const total = LINEAR.reduce((n, p) => n + p.shape[0] * p.shape[1], 0);
		expect(linearWeightCount(weights)).toBe(total);
		for (const s of SPARSITIES) {
			const pruned = prune(weights, 'global', s);
			const { maxGone, minKept, zeros } = split(pruned, LINEAR.map((p) => p.name));
			expect(zeros).toBe(Math.round(s * total));
			expect(maxGone).toBeLessThanOrEqual(minKept);
			expect(zeroFraction(pruned)).toBe(removedFraction(weights, 'global', s));
		}
		const half = prune(weights, 'global', 0.5);
		const fractions = LINEAR.map((p) => half.get(p.name)!.data.filter((v) => v === 0).length / (p.shape[0] * p.shape[1]));
		expect(Math.max(...fractions) - Math.min(...fractions)).toBeGreaterThan(0.1);
	});
	it('leaves the weights it was given, embeddings, biases and norms as they were', () => {
		const before = new Map([...weights].map(([k, w]) => [k, Float32Array.from(w.data)]));
		const pruned = prune(weights, 'global', 0.9);
		for (const [k, w] of weights) expect(w.data, k).toEqual(before.get(k));
		for (const k of ['tok_emb', 'pos_emb', 'l0.mlp1.b', 'l1.ln1.g']) expect(pruned.get(k)!.data).toEqual(before.get(k));
	});
});

describe('structured pruning of MLP neurons', () => {
	/** ‖column i of mlp1.w‖ · ‖row i of mlp2.w‖ in float64. */
	const score = (l: string, i: number) => {
		const [w1, w2] = [weights.get(`${l}.mlp1.w`)!, weights.get(`${l}.mlp2.w`)!];
		const [dIn, hidden] = w1.shape;
		const dOut = w2.shape[1];
		let a = 0;
		let b = 0;
		for (let r = 0; r < dIn; r++) a += w1.data[r * hidden + i] ** 2;
		for (let c = 0; c < dOut; c++) b += w2.data[i * dOut + c] ** 2;
		return Math.sqrt(a * b);
	};

	it('removes the k lowest-scoring neurons of each MLP: their column in, bias and row out all zero, the rest untouched', () => {
		for (const s of [0.1, 0.3]) {
			const k = neuronsFor(weights, s);
			expect(k).toBeGreaterThan(0);
			const pruned = prune(weights, 'neurons', s);
			for (const [l, removed] of removedNeurons(weights, k)) {
				const hidden = weights.get(`${l}.mlp1.w`)!.shape[1];
				const scores = Array.from({ length: hidden }, (_, i) => score(l, i));
				const cut = Math.max(...removed.map((i) => scores[i]));
				expect(new Set(removed).size).toBe(k);
				for (let i = 0; i < hidden; i++) if (!removed.includes(i)) expect(scores[i]).toBeGreaterThanOrEqual(cut);
				const [w1, b1, w2] = ['mlp1.w', 'mlp1.b', 'mlp2.w'].map((n) => ({ before: weights.get(`${l}.${n}`)!, after: pruned.get(`${l}.${n}`)! }));
				const [dIn] = w1.before.shape;
				const dOut = w2.before.shape[1];
				for (let i = 0; i < hidden; i++) {
					const gone = removed.includes(i);
					for (let r = 0; r < dIn; r++) expect(w1.after.data[r * hidden + i]).toBe(gone ? 0 : w1.before.data[r * hidden + i]);
					expect(b1.after.data[i]).toBe(gone ? 0 : b1.before.data[i]);
					for (let c = 0; c < dOut; c++) expect(w2.after.data[i * dOut + c]).toBe(gone ? 0 : w2.before.data[i * dOut + c]);
				}
			}
			expect(zeroFraction(pruned)).toBe(removedFraction(weights, 'neurons', s));
		}
	});
	it('prose: thirteen linear matrices, and the MLPs hold just under half of their weights', () => {
		expect(LINEAR).toHaveLength(13);
		const all = removedFraction(weights, 'neurons', 0.95);
		expect(all).toBe(LINEAR.filter((p) => /mlp/.test(p.name)).reduce((n, p) => n + p.shape[0] * p.shape[1], 0) / linearWeightCount(weights));
		expect(all).toBeGreaterThan(0.45);
		expect(all).toBeLessThan(0.5);
	});
	it('asks for the count nearest the fraction, and stops at every neuron', () => {
		const total = linearWeightCount(weights);
		const perNeuron = SHAPE.dModel + SHAPE.dModel; // a column of mlp1.w and a row of mlp2.w
		const k = neuronsFor(weights, 0.2);
		expect(Math.abs((2 * k * perNeuron) / total - 0.2)).toBeLessThanOrEqual(perNeuron / total);
		expect(neuronsFor(weights, 0.95)).toBe(SHAPE.dMlp);
	});
});

describe('FLOPs of the linear layers', () => {
	const flopsOf = (shapes: (readonly number[])[]) => shapes.reduce((n, [i, o]) => n + 2 * i * o, 0);
	it('dense: 2 per weight per token, whatever magnitude pruning zeroed', () => {
		const dense = flopsOf(LINEAR.map((p) => p.shape));
		expect(linearFlops(weights, 'layer', 0)).toBe(dense);
		expect(linearFlops(weights, 'layer', 0.9)).toBe(dense);
		expect(linearFlops(weights, 'global', 0.5)).toBe(dense);
	});
	it('structured: the FLOPs of the smaller MLPs, d × (m − k) in and (m − k) × d out', () => {
		for (const s of [0.2, 0.5]) {
			const k = neuronsFor(weights, s);
			const smaller = LINEAR.map((p) => (/mlp1/.test(p.name) ? [p.shape[0], p.shape[1] - k] : /mlp2/.test(p.name) ? [p.shape[0] - k, p.shape[1]] : p.shape));
			expect(linearFlops(weights, 'neurons', s)).toBe(flopsOf(smaller));
		}
	});
});
