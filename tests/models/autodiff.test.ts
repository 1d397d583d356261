/**
 * Every operator's gradient rule (src/lib/onnx/vjp.ts, walked by autodiff.ts) against central
 * finite differences of the same ONNX forward graph, run on onnxruntime-web's WASM backend.
 *
 * Each case builds y = f(inputs), takes the scalar L = Σ r ⊙ y with fixed random weights r (so
 * every output element's Jacobian row is exercised, not just their sum), and compares ∂L/∂x
 * from the backward nodes with (L(x + h·eᵢ) − L(x − h·eᵢ)) / 2h, refined by one Richardson
 * step (4·D(h/2) − D(h)) / 3 so the truncation error is O(h⁴).
 *
 * Tolerances, float32 throughout: with h = 1e-2, the rounding error of a float32 loss of size
 * |L| ≲ 10 is about ε·|L|/h ≈ 6e-8·10/5e-3 ≈ 1e-4 per difference, so gradients must agree to
 * 1e-3 absolute plus 1e-3 relative. Inputs are well-conditioned: kinks (ReLU, |x|, max) are kept
 * more than 0.1 away from the evaluation point, logs and roots see values in [0.5, 2].
 */
import { describe, expect, it } from 'vitest';
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { meanSquaredError, softmaxCrossEntropy } from '$lib/onnx/losses';
import { createRng, type Rng } from '$lib/random';
import { createSession, runSession, type Feeds, type Session } from '../support/ort';

type Values = 'signed' | 'positive' | 'awayFromZero';

interface InputSpec {
	shape: number[];
	values?: Values;
}

interface Case {
	name: string;
	inputs: InputSpec[];
	build(g: GraphBuilder, xs: Tensor[]): Tensor;
}

const H = 1e-2;
const ATOL = 1e-3;
const RTOL = 1e-3;

function draw(rng: Rng, spec: InputSpec): Float32Array {
	const n = spec.shape.reduce((a, b) => a * b, 1);
	return Float32Array.from({ length: n }, () => {
		const u = rng.uniform();
		if (spec.values === 'positive') return 0.5 + 1.5 * u;
		// Magnitudes in [0.2, 1.2]: far from ReLU's and |x|'s kink at 0.
		if (spec.values === 'awayFromZero') return (rng.uniform() < 0.5 ? -1 : 1) * (0.2 + u);
		return 2 * u - 1;
	});
}

interface Prepared {
	session: Session;
	names: string[];
	base: Float32Array[];
	shapes: number[][];
}

async function prepare(c: Case, seed: number): Promise<Prepared> {
	const rng = createRng(seed);
	const g = new GraphBuilder(`grad_${c.name.replace(/\W+/g, '_')}`);
	const names = c.inputs.map((_, i) => `x${i}`);
	const xs = c.inputs.map((spec, i) => g.input(names[i], spec.shape));
	const y = c.build(g, xs);
	const shape = y.shape.map(Number);
	const weights = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * rng.uniform() - 1);
	const loss = g.reduceSum(g.mul(y, g.constant(weights, shape)), undefined, false);
	const grads = gradients(g, loss, xs);
	g.output(loss, 'loss');
	grads.forEach((t, i) => g.output(t, `grad_${i}`));
	const base = c.inputs.map((spec) => draw(rng, spec));
	return { session: await createSession(g.toBytes()), names, base, shapes: c.inputs.map((s) => s.shape) };
}

async function lossAt(p: Prepared, which: number, index: number, delta: number): Promise<number> {
	const feeds: Feeds = {};
	p.names.forEach((name, i) => {
		const data = Float32Array.from(p.base[i]);
		if (i === which) data[index] += delta;
		feeds[name] = { data, dims: p.shapes[i] };
	});
	return (await runSession(p.session, feeds)).loss.data[0];
}

/** Central difference with one Richardson refinement, O(h⁴). */
async function finiteDifference(p: Prepared, which: number, index: number): Promise<number> {
	const central = async (h: number) => ((await lossAt(p, which, index, h)) - (await lossAt(p, which, index, -h))) / (2 * h);
	const coarse = await central(H);
	const fine = await central(H / 2);
	return (4 * fine - coarse) / 3;
}

/** Runs the comparison and returns the worst |analytic − numeric| − tolerance (≤ 0 passes). */
async function check(c: Case, seed = 7): Promise<{ worst: number; detail: string }> {
	const p = await prepare(c, seed);
	const feeds: Feeds = Object.fromEntries(p.names.map((name, i) => [name, { data: p.base[i], dims: p.shapes[i] }]));
	const out = await runSession(p.session, feeds);
	let worst = -Infinity;
	let detail = '';
	for (let i = 0; i < p.names.length; i++) {
		const analytic = out[`grad_${i}`];
		expect(analytic.dims, `${c.name}: gradient ${i} has its input's shape`).toEqual(p.shapes[i]);
		for (let k = 0; k < p.base[i].length; k++) {
			const numeric = await finiteDifference(p, i, k);
			const excess = Math.abs(analytic.data[k] - numeric) - (ATOL + RTOL * Math.abs(numeric));
			if (excess > worst) {
				worst = excess;
				detail = `input ${i}[${k}]: analytic ${analytic.data[k]} vs numeric ${numeric}`;
			}
		}
	}
	return { worst, detail };
}

const s = (shape: number[], values?: Values): InputSpec => ({ shape, values });

const elementwise: Case[] = [
	{ name: 'Neg', inputs: [s([3, 4])], build: (g, [x]) => g.neg(x) },
	{ name: 'Abs', inputs: [s([3, 4], 'awayFromZero')], build: (g, [x]) => g.abs(x) },
	{ name: 'Exp', inputs: [s([3, 4])], build: (g, [x]) => g.exp(x) },
	{ name: 'Log', inputs: [s([3, 4], 'positive')], build: (g, [x]) => g.log(x) },
	{ name: 'Sqrt', inputs: [s([3, 4], 'positive')], build: (g, [x]) => g.sqrt(x) },
	{ name: 'Pow 2', inputs: [s([3, 4])], build: (g, [x]) => g.pow(x, 2) },
	{ name: 'Pow 3', inputs: [s([3, 4])], build: (g, [x]) => g.pow(x, 3) },
	{ name: 'Pow 0.5', inputs: [s([3, 4], 'positive')], build: (g, [x]) => g.pow(x, 0.5) },
	{ name: 'Pow −1.5', inputs: [s([3, 4], 'positive')], build: (g, [x]) => g.pow(x, -1.5) },
	{ name: 'Tanh', inputs: [s([3, 4])], build: (g, [x]) => g.tanh(x) },
	{ name: 'Sigmoid', inputs: [s([3, 4])], build: (g, [x]) => g.sigmoid(g.mul(x, 3)) },
	{ name: 'Relu', inputs: [s([3, 4], 'awayFromZero')], build: (g, [x]) => g.relu(x) },
	{ name: 'LeakyRelu', inputs: [s([3, 4], 'awayFromZero')], build: (g, [x]) => g.leakyRelu(x, 0.1) },
	{ name: 'Erf', inputs: [s([3, 4])], build: (g, [x]) => g.erf(x) },
	{ name: 'Gelu (erf form, composed)', inputs: [s([3, 4])], build: (g, [x]) => g.gelu(g.mul(x, 2)) },
	{ name: 'Identity', inputs: [s([3, 4])], build: (g, [x]) => g.identity(x) },
	{ name: 'Cast float→float', inputs: [s([3, 4])], build: (g, [x]) => g.cast(x, 'float32') }
];

const binary: Case[] = [
	{ name: 'Add same shape', inputs: [s([3, 4]), s([3, 4])], build: (g, [a, b]) => g.add(a, b) },
	{ name: 'Add [3,4] + [4]', inputs: [s([3, 4]), s([4])], build: (g, [a, b]) => g.add(a, b) },
	{ name: 'Add [3,1] + [1,4]', inputs: [s([3, 1]), s([1, 4])], build: (g, [a, b]) => g.add(a, b) },
	{ name: 'Add [2,3,4] + scalar []', inputs: [s([2, 3, 4]), s([])], build: (g, [a, b]) => g.add(a, b) },
	{ name: 'Sub [3,4] − [3,1]', inputs: [s([3, 4]), s([3, 1])], build: (g, [a, b]) => g.sub(a, b) },
	{ name: 'Mul [2,3,4] ⊙ [3,1]', inputs: [s([2, 3, 4]), s([3, 1])], build: (g, [a, b]) => g.mul(a, b) },
	{ name: 'Mul x ⊙ x (one tensor, two paths)', inputs: [s([3, 4])], build: (g, [x]) => g.mul(x, x) },
	{ name: 'Div [3,4] / [4]', inputs: [s([3, 4]), s([4], 'positive')], build: (g, [a, b]) => g.div(a, b) },
	{ name: 'Div [1,4] / [3,1]', inputs: [s([1, 4]), s([3, 1], 'positive')], build: (g, [a, b]) => g.div(a, b) },
	{ name: 'MatMul [3,4]·[4,2]', inputs: [s([3, 4]), s([4, 2])], build: (g, [a, b]) => g.matMul(a, b) },
	{ name: 'MatMul batched [2,3,4]·[4,5] (weights broadcast)', inputs: [s([2, 3, 4]), s([4, 5])], build: (g, [a, b]) => g.matMul(a, b) },
	{ name: 'MatMul batched [2,3,4]·[2,4,2]', inputs: [s([2, 3, 4]), s([2, 4, 2])], build: (g, [a, b]) => g.matMul(a, b) },
	{ name: 'MatMul + Add bias (dense layer)', inputs: [s([5, 3]), s([3, 4]), s([4])], build: (g, [x, w, b]) => g.add(g.matMul(x, w), b) }
];

const reductions: Case[] = [
	{ name: 'ReduceSum axis 1', inputs: [s([3, 4])], build: (g, [x]) => g.reduceSum(x, [1], false) },
	{ name: 'ReduceSum axis 0 keepdims', inputs: [s([3, 4])], build: (g, [x]) => g.reduceSum(x, [0], true) },
	{ name: 'ReduceSum all', inputs: [s([2, 3, 2])], build: (g, [x]) => g.reduceSum(x, undefined, false) },
	{ name: 'ReduceMean axes [0,2]', inputs: [s([2, 3, 2])], build: (g, [x]) => g.reduceMean(x, [0, 2], false) },
	{ name: 'ReduceMean last keepdims', inputs: [s([3, 4])], build: (g, [x]) => g.reduceMean(x, [-1], true) },
	{ name: 'ReduceSumSquare axis 1', inputs: [s([3, 4])], build: (g, [x]) => g.reduceSumSquare(x, [1], false) },
	{ name: 'ReduceMax axis 1', inputs: [s([3, 4])], build: (g, [x]) => g.reduceMax(x, [1], false) },
	{ name: 'Softmax last axis', inputs: [s([3, 5])], build: (g, [x]) => g.softmax(g.mul(x, 2)) },
	{ name: 'Softmax axis 0', inputs: [s([4, 3])], build: (g, [x]) => g.softmax(x, 0) },
	{ name: 'LogSoftmax last axis', inputs: [s([3, 5])], build: (g, [x]) => g.logSoftmax(g.mul(x, 2)) }
];

const shapes: Case[] = [
	{ name: 'Transpose perm [2,0,1]', inputs: [s([2, 3, 4])], build: (g, [x]) => g.transpose(x, [2, 0, 1]) },
	{ name: 'Transpose default', inputs: [s([3, 4])], build: (g, [x]) => g.transpose(x) },
	{ name: 'Reshape [2,3,4] → [6,-1]', inputs: [s([2, 3, 4])], build: (g, [x]) => g.reshape(x, [6, -1]) },
	{ name: 'Unsqueeze', inputs: [s([3, 4])], build: (g, [x]) => g.unsqueeze(x, [1]) },
	{ name: 'Concat axis 1', inputs: [s([2, 3]), s([2, 2])], build: (g, [a, b]) => g.concat([a, b, a], 1) },
	{ name: 'Slice axis 1 [1:4]', inputs: [s([3, 5])], build: (g, [x]) => g.slice(x, [1], [4], [1]) },
	{ name: 'Slice negative start, two axes', inputs: [s([4, 5])], build: (g, [x]) => g.slice(x, [-3, 0], [2 ** 31 - 1, 2], [0, 1]) },
	{ name: 'Pad', inputs: [s([2, 3])], build: (g, [x]) => g.pad(x, [1, 0, 0, 2]) },
	{ name: 'Expand [1,4] → [3,4]', inputs: [s([1, 4]), s([3, 4])], build: (g, [x, like]) => g.add(g.expandAs(x, like), like) },
	{
		name: 'Gather rows (embedding lookup, repeated ids)',
		inputs: [s([5, 3])],
		build: (g, [table]) => g.gather(table, g.int64Constant([0, 2, 2, 4, 1, 2, 0, 3], [2, 4]))
	},
	{
		name: 'Where with broadcast operands',
		inputs: [s([3, 4]), s([4])],
		build: (g, [a, b]) => {
			const mask = g.greater(g.constant([1, -1, 1, -1, -1, 1, 1, -1, 1, 1, -1, -1], [3, 4]), 0);
			return g.where(mask, a, b);
		}
	}
];

const composites: Case[] = [
	{
		name: 'LayerNorm composed from primitives',
		inputs: [s([3, 6]), s([6]), s([6])],
		build: (g, [x, gamma, beta]) => {
			const centered = g.sub(x, g.reduceMean(x, [-1]));
			const variance = g.reduceMean(g.mul(centered, centered), [-1]);
			return g.add(g.mul(g.div(centered, g.sqrt(g.add(variance, 1e-5))), gamma), beta);
		}
	},
	{
		name: 'two-layer tanh MLP',
		inputs: [s([4, 3]), s([3, 5]), s([5]), s([5, 2])],
		build: (g, [x, w1, b1, w2]) => g.matMul(g.tanh(g.add(g.matMul(x, w1), b1)), w2)
	},
	{ name: 'MSE loss', inputs: [s([4, 3]), s([4, 3])], build: (g, [p, t]) => meanSquaredError(g, p, t) },
	{
		name: 'softmax cross-entropy, class indices',
		inputs: [s([4, 5])],
		build: (g, [logits]) => softmaxCrossEntropy(g, g.mul(logits, 3), g.int64Constant([0, 3, 4, 1], [4]))
	},
	{
		name: 'softmax cross-entropy, soft targets',
		inputs: [s([3, 4]), s([3, 4], 'positive')],
		build: (g, [logits, raw]) => softmaxCrossEntropy(g, logits, g.div(raw, g.reduceSum(raw, [-1])))
	}
];

describe.each([
	['elementwise', elementwise],
	['binary with broadcasting', binary],
	['reductions and softmax', reductions],
	['shapes, indexing and masks', shapes],
	['composites and losses', composites]
] as const)('%s: gradient = finite differences', (_group, cases) => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const { worst, detail } = await check(c);
		expect(worst, detail).toBeLessThanOrEqual(0);
	});
});

describe('autodiff structure', () => {
	it('builds no gradient for tensors that do not depend on wrt', () => {
		const g = new GraphBuilder();
		const x = g.input('x', [8, 3]);
		const w = g.input('w', [3, 2]);
		const loss = g.reduceSum(g.matMul(x, w), undefined, false);
		const before = g.nodes.length;
		const [dw] = gradients(g, loss, [w]);
		expect(dw.shape).toEqual([3, 2]);
		// dW = xᵀ·dy needs the expand of the seed, a transpose and a MatMul; no dx = dy·wᵀ.
		const added = g.nodes.slice(before).map((n) => n.op);
		expect(added.filter((op) => op === 'MatMul')).toHaveLength(1);
	});

	it('gives zeros for a parameter the loss ignores, and names missing rules', async () => {
		const g = new GraphBuilder();
		const x = g.input('x', [2, 2]);
		const unused = g.input('u', [3]);
		const loss = g.reduceSum(g.mul(x, x), undefined, false);
		const [, du] = gradients(g, loss, [x, unused]);
		g.output(du, 'du');
		const out = await runSession(await createSession(g.toBytes()), {
			x: { data: new Float32Array(4).fill(1), dims: [2, 2] },
			u: { data: new Float32Array(3).fill(5), dims: [3] }
		});
		expect(Array.from(out.du.data)).toEqual([0, 0, 0]);
		expect(() => gradients(g, g.input('v', [2]), [x])).toThrow(/one float32 value/);
	});
});
