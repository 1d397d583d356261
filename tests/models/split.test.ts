/**
 * A training graph cut at its saved tensors (split.ts): forward then backward, fed from forward's
 * outputs, give what the fused graph gives; and what backward reads is exactly the forward tensors
 * its rules use.
 */
import { describe, expect, it } from 'vitest';
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { backwardFeeds, forwardFeeds, splitGraph } from '$lib/onnx/split';
import { createRng } from '$lib/random';
import { runModel, type Feeds } from '../support/ort';

/** An MLP 2 → 4 → 3 with tanh and softmax cross-entropy, its backward appended, every gradient an output. */
function training() {
	const g = new GraphBuilder('mlp');
	const X = g.input('X', [5, 2]);
	const Y = g.input('Y', [5, 3]);
	const W1 = g.input('W1', [2, 4]);
	const b1 = g.input('b1', [4]);
	const W2 = g.input('W2', [4, 3]);
	const z1 = g.add(g.matMul(X, W1), b1);
	const h1 = g.tanh(z1);
	const logp = g.logSoftmax(g.matMul(h1, W2), -1);
	const loss = g.neg(g.reduceMean(g.reduceSum(g.mul(Y, logp), [-1], false), undefined, false));
	const forwardNodes = g.nodes.length;
	const seed = g.constant([1], [], 'seed');
	const grads = gradients(g, loss, [W1, b1, W2], { seed });
	g.output(loss, 'loss');
	g.output(h1, 'h1');
	grads.forEach((t, i) => g.output(t, ['dW1', 'db1', 'dW2'][i]));
	return { g, forwardNodes, seed, z1, h1 };
}

function feeds(): Feeds {
	const rng = createRng(3);
	const normal = (n: number) => rng.fillNormal(new Float32Array(n));
	const Y = new Float32Array(15);
	for (let i = 0; i < 5; i++) Y[3 * i + (i % 3)] = 1;
	return {
		X: { data: normal(10), dims: [5, 2] },
		Y: { data: Y, dims: [5, 3] },
		W1: { data: normal(8), dims: [2, 4] },
		b1: { data: normal(4), dims: [4] },
		W2: { data: normal(12), dims: [4, 3] }
	};
}

const names = (ts: readonly Tensor[]) => ts.map((t) => t.name);

describe('splitGraph', () => {
	it('forward then backward give the fused graph’s outputs', async () => {
		const { g, forwardNodes, seed } = training();
		const fused = await runModel(g.toBytes(), feeds());
		const split = splitGraph(g, forwardNodes, { seed });
		const forward = await runModel(split.forward.bytes, forwardFeeds(split, feeds()));
		const backward = await runModel(split.backward.bytes, backwardFeeds(split, feeds(), forward));
		expect(names(split.forward.outputs)).toEqual(expect.arrayContaining(['loss', 'h1']));
		expect(names(split.backward.outputs)).toEqual(['dW1', 'db1', 'dW2']);
		for (const name of ['loss', 'h1']) Array.from(forward[name].data).forEach((v, i) => expect(v).toBeCloseTo(fused[name].data[i], 6));
		for (const name of ['dW1', 'db1', 'dW2']) Array.from(backward[name].data).forEach((v, i) => expect(v).toBeCloseTo(fused[name].data[i], 6));
	});

	it('saves what the rules read: tanh’s output and the log-probabilities, not the pre-activation; backward takes the seed and the data it needs', () => {
		const { g, forwardNodes, seed, z1, h1 } = training();
		const split = splitGraph(g, forwardNodes, { seed });
		const saved = names(split.saved);
		expect(saved).toContain(h1.name);
		expect(saved).not.toContain(z1.name);
		expect(saved).toHaveLength(2);
		// X for ∂L/∂W₁ = Xᵀ(…), W₂ to pass the gradient down to h₁, Y for ∂L/∂(log p); no b₁ and no W₁.
		expect(names(split.backward.inputs)).toEqual([...saved, 'X', 'Y', 'W2', 'seed']);
		expect(split.seed?.name).toBe('seed');
		expect(names(split.forward.inputs)).toEqual(['X', 'Y', 'W1', 'b1', 'W2']);
	});

	it('feeds backward a changed saved tensor: doubling h₁ doubles ∂L/∂W₂ = h₁ᵀ ∂L/∂z₂ exactly, and the seed scales everything', async () => {
		const { g, forwardNodes, seed, h1 } = training();
		const split = splitGraph(g, forwardNodes, { seed });
		const forward = await runModel(split.forward.bytes, forwardFeeds(split, feeds()));
		const plain = await runModel(split.backward.bytes, backwardFeeds(split, feeds(), forward));
		const doubled = { data: forward[h1.name].data.map((v) => 2 * v), dims: forward[h1.name].dims };
		const overwritten = await runModel(split.backward.bytes, backwardFeeds(split, feeds(), forward, { [h1.name]: doubled }));
		Array.from(overwritten.dW2.data).forEach((v, i) => expect(v).toBe(2 * plain.dW2.data[i]));
		expect(Array.from(overwritten.dW1.data)).not.toEqual(Array.from(plain.dW1.data));
		const seeded = await runModel(split.backward.bytes, backwardFeeds(split, feeds(), forward, { seed: { data: Float32Array.of(2), dims: [] } }));
		Array.from(seeded.dW1.data).forEach((v, i) => expect(v).toBeCloseTo(2 * plain.dW1.data[i], 6));
	});

	it('refuses a cut that leaves a part empty, a seed that is not a constant, and feeds that miss an input', async () => {
		const { g, forwardNodes, seed } = training();
		expect(() => splitGraph(g, 0, { seed })).toThrow(/leaves a part empty/);
		expect(() => splitGraph(g, g.nodes.length, { seed })).toThrow(/leaves a part empty/);
		expect(() => splitGraph(g, forwardNodes, { seed: { name: 'X', shape: [5, 2], dtype: 'float32' } })).toThrow(/is not a constant/);
		const split = splitGraph(g, forwardNodes, { seed });
		const { W2: _, ...missing } = feeds();
		expect(() => forwardFeeds(split, missing)).toThrow(/nothing to feed forward's input W2/);
	});
});
