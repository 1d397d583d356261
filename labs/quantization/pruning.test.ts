/**
 * Figure 4's pruning rules (pruning.ts) on the shipped copy weights, each checked against its
 * definition written again here: what is zeroed, that nothing kept is smaller than what went,
 * the neuron scores in float64, and the FLOPs counted from the smaller MLP's shapes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramSpecs, SHAPE } from '$labs/attention-heatmaps/model';
import { ALL_HEADS, headName } from './heads';
import { headsFor, linearFlops, linearWeightCount, neuronsFor, prune, removedFraction, removedNeurons, withoutHeads, zeroFraction } from './pruning';
import { heldOut } from './accuracy';
import { forward64, type Params64 } from './reference64';
import { readWeights, type WeightTensor } from './weights';

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

describe('structured pruning of attention heads', () => {
	const { dModel: d, heads } = SHAPE;
	const dk = d / heads;
	const asFloat64 = (w: Map<string, WeightTensor>): Params64 => new Map([...w].map(([k, v]) => [k, { shape: v.shape, data: Float64Array.from(v.data) }]));

	it('removing a head zeroes its d_k columns of W_q, W_k, W_v and their biases and its d_k rows of W_o, nothing else', () => {
		const head = { layer: 'l1', head: 2 } as const;
		const pruned = withoutHeads(weights, [head]);
		let zeros = 0;
		for (const [name, w] of pruned) {
			const before = weights.get(name)!.data;
			w.data.forEach((v, i) => {
				if (v !== before[i]) {
					expect(v).toBe(0);
					zeros++;
				}
			});
		}
		expect(zeros).toBe(4 * d * dk + 3 * dk);
		// Row 2·d_k of W_o is the head's first; its last column of W_q is column 3·d_k − 1.
		const o = pruned.get('l1.o.w')!;
		expect(o.data[2 * dk * d]).toBe(0);
		expect(o.data[2 * dk * d - 1]).toBe(weights.get('l1.o.w')!.data[2 * dk * d - 1]);
		expect(pruned.get('l1.q.w')!.data[3 * dk - 1]).toBe(0);
		expect(pruned.get('l1.q.w')!.data[3 * dk]).toBe(weights.get('l1.q.w')!.data[3 * dk]);
	});

	it('computes what the float64 transformer computes with that head’s output dropped before W_o', () => {
		const inputs = heldOut('copy').slice(0, 6);
		for (const head of [{ layer: 'l0', head: 0 } as const, { layer: 'l1', head: 3 } as const]) {
			const pruned = forward64('copy', asFloat64(withoutHeads(weights, [head])), inputs);
			// The reference keeps every weight and drops the head's d_k outputs at W_o's input.
			const dropped = forward64('copy', asFloat64(weights), inputs, (x, name) =>
				name === `${head.layer}.o` ? x.map((v, i) => (i >= head.head * dk && i < (head.head + 1) * dk ? 0 : v)) : x
			);
			let worst = 0;
			pruned.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - dropped[i]))));
			expect(worst, headName(head)).toBeLessThan(1e-5);
			// And the head mattered: dropping it changes the logits.
			const full = forward64('copy', asFloat64(weights), inputs);
			expect(pruned.some((v, i) => Math.abs(v - full[i]) > 1e-3)).toBe(true);
		}
	});

	it('asks for the count nearest the fraction over all eight heads, and counts the smaller attention’s FLOPs', () => {
		const total = linearWeightCount(weights);
		const perHead = 4 * d * dk;
		const order = [...ALL_HEADS].reverse();
		expect(ALL_HEADS).toHaveLength(SHAPE.layers * heads);
		for (const s of [0, 0.05, 0.1, 0.3, 0.6, 1]) {
			const k = Math.min(8, Math.round((s * total) / perHead));
			expect(headsFor(weights, s)).toBe(k);
			expect(removedFraction(weights, 'heads', s)).toBeCloseTo((k * perHead) / total, 12);
			expect(zeroFraction(prune(weights, 'heads', s, order))).toBeCloseTo((k * perHead) / total, 12);
			expect(linearFlops(weights, 'heads', s)).toBe(2 * total - 2 * k * perHead);
		}
		expect(() => prune(weights, 'heads', 0.5)).toThrow(/order/);
	});

	it('prose: the heads, like the MLPs, hold just under half of the linear weights', () => {
		const all = removedFraction(weights, 'heads', 1);
		const attention = LINEAR.filter((p) => /\.(q|k|v|o)\.w$/.test(p.name)).reduce((n, p) => n + p.shape[0] * p.shape[1], 0);
		expect(all).toBe(attention / linearWeightCount(weights));
		expect(all).toBeGreaterThan(0.45);
		expect(all).toBeLessThan(0.5);
	});
});
