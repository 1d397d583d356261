/**
 * The vanishing-gradients model: its ONNX outputs against the float64 TypeScript reference,
 * its hand-written gradients against finite differences, and the lab's facts, each computed by
 * running the ONNX graph (no recorded numbers).
 */
import { describe, expect, it } from 'vitest';
import { buildMlpGraph, mlpInputNames, MLP_OUTPUTS, type Activation, type MlpShape } from './model';
import { sampleMlpWeights, type Init } from './init';
import { layerVariance, mlpReference, paramsFromInputs } from './reference';
import { createSession, runSession, type Feeds, type Results, type Session } from '../../tests/support/ort';

const ACTIVATIONS: Activation[] = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'gelu'];

function feedsFor(depth: number, tensors: readonly Float32Array[], dims: readonly number[][]): Feeds {
	return Object.fromEntries(mlpInputNames(depth).map((name, i) => [name, { data: tensors[i], dims: dims[i] }]));
}

interface Instance {
	shape: MlpShape;
	session: Session;
	tensors: Float32Array[];
	dims: number[][];
}

async function instance(shape: MlpShape, seed: number, init: Init, sigma = 1): Promise<Instance> {
	const { depth, width, batch } = shape;
	const sample = sampleMlpWeights({ depth, width, batch, seed, init, sigma });
	return { shape, session: await createSession(buildMlpGraph(shape)), tensors: sample.tensors, dims: sample.dims };
}

function run(inst: Instance, tensors = inst.tensors): Promise<Results> {
	return runSession(inst.session, feedsFor(inst.shape.depth, tensors, inst.dims));
}

/** Largest |actual − expected| relative to the largest |expected| of the tensor. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
	expect(actual.length).toBe(expected.length);
	let diff = 0;
	let scale = 0;
	for (let i = 0; i < expected.length; i++) {
		diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
		scale = Math.max(scale, Math.abs(expected[i]));
	}
	return scale === 0 ? diff : diff / scale;
}

describe('ONNX graph matches the float64 reference', () => {
	const small = { depth: 3, width: 8, batch: 5 };
	const cases = ACTIVATIONS.flatMap((act) =>
		[false, true].flatMap((residual) => [false, true].map((norm) => ({ act, residual, norm })))
	);
	it.each(cases)('$act residual=$residual norm=$norm', async ({ act, residual, norm }) => {
		const shape: MlpShape = { ...small, act, residual, norm, fullGradients: true };
		const inst = await instance(shape, 3, 'xavier');
		const out = await run(inst);
		const ref = mlpReference(shape, paramsFromInputs(shape.depth, inst.tensors));
		const tol = 1e-4;
		expect(out[MLP_OUTPUTS.loss].dims).toEqual([]);
		expect(out[MLP_OUTPUTS.preacts].dims).toEqual([3, 5, 8]);
		expect(out[MLP_OUTPUTS.acts].dims).toEqual([3, 5, 8]);
		expect(out[MLP_OUTPUTS.gradNormW].dims).toEqual([3]);
		expect(relativeError(out[MLP_OUTPUTS.loss].data, [ref.loss])).toBeLessThan(tol);
		expect(relativeError(out[MLP_OUTPUTS.preacts].data, ref.preacts)).toBeLessThan(tol);
		expect(relativeError(out[MLP_OUTPUTS.acts].data, ref.acts)).toBeLessThan(tol);
		expect(Array.from(out[MLP_OUTPUTS.nonFinite].data), 'every activation is finite').toEqual([0, 0, 0]);
		// Norms are compared one by one: each layer's norm must be right, not just the largest.
		for (let l = 0; l < 3; l++) {
			expect(relativeError([out[MLP_OUTPUTS.gradNormW].data[l]], [ref.gradNormW[l]])).toBeLessThan(tol);
			expect(relativeError([out[MLP_OUTPUTS.gradNormH].data[l]], [ref.gradNormH[l]])).toBeLessThan(tol);
			expect(relativeError(out[`grad_w${l + 1}`].data, ref.gradW[l])).toBeLessThan(tol);
			expect(relativeError(out[`grad_b${l + 1}`].data, ref.gradB[l])).toBeLessThan(tol);
			expect(relativeError(out[`grad_h${l + 1}`].data, ref.gradH[l])).toBeLessThan(tol);
		}
		expect(relativeError(out.grad_x.data, ref.gradX)).toBeLessThan(tol);
	});
});

describe('the per-layer overflow flag', () => {
	it('is NaN from the first layer whose activations leave float32, and 0 before it', async () => {
		// ReLU with σ = 3 at width 64 multiplies the activations' scale by about 3·√32 ≈ 17 a layer.
		const shape: MlpShape = { depth: 50, width: 64, batch: 128, act: 'relu', residual: false, norm: false };
		const inst = await instance(shape, 1, 'custom', 3);
		const out = await run(inst);
		const acts = out[MLP_OUTPUTS.acts].data;
		const per = shape.batch * shape.width;
		const firstBad = Array.from({ length: shape.depth }, (_, l) => l).find((l) => !acts.subarray(l * per, (l + 1) * per).every(Number.isFinite));
		expect(firstBad, 'the network overflows within 50 layers').toBeDefined();
		expect(firstBad).toBeGreaterThan(10);
		const flags = Array.from(out[MLP_OUTPUTS.nonFinite].data);
		expect(flags.slice(0, firstBad)).toEqual(new Array(firstBad).fill(0));
		expect(Number.isNaN(flags[firstBad!]), `layer ${firstBad! + 1}`).toBe(true);
	});
});

/** The loss of the ONNX graph with one input entry moved by delta. */
async function lossWith(inst: Instance, input: number, index: number, delta: number): Promise<number> {
	const tensors = inst.tensors.slice();
	tensors[input] = Float32Array.from(tensors[input]);
	tensors[input][index] += delta;
	return (await run(inst, tensors))[MLP_OUTPUTS.loss].data[0];
}

describe('gradients match central finite differences', () => {
	// Well-conditioned case: tanh, shallow, moderate weights.
	const shape: MlpShape = { depth: 3, width: 8, batch: 5, act: 'tanh', residual: false, norm: false, fullGradients: true };
	const entries = [
		{ input: 'w1', grad: 'grad_w1', indices: [0, 9, 17, 30, 63] },
		{ input: 'b1', grad: 'grad_b1', indices: [0, 3, 7] },
		{ input: 'x', grad: 'grad_x', indices: [0, 11, 39] }
	];

	it('of the ONNX loss itself (float32, relative error <= 1e-3)', async () => {
		// h = 1e-2 balances float32 rounding of the loss (~1e-7 relative, amplified by 1/2h)
		// against the O(h²) truncation error. The error is relative to the larger of |analytic|,
		// |fd| and 1% of the tensor's largest gradient entry: an entry 400x below its tensor's
		// largest (w1[9] here, |g| ~ 8e-4) only carries float32 rounding noise of ~2e-6.
		const h = 1e-2;
		const inst = await instance(shape, 5, 'custom', 0.6);
		const names = mlpInputNames(shape.depth);
		const out = await run(inst);
		let worst = 0;
		for (const { input, grad, indices } of entries) {
			const k = names.indexOf(input);
			const analyticAll = out[grad].data;
			const floor = 0.01 * Math.max(...Array.from(analyticAll, Math.abs));
			for (const i of indices) {
				const fd = ((await lossWith(inst, k, i, h)) - (await lossWith(inst, k, i, -h))) / (2 * h);
				const analytic = analyticAll[i];
				worst = Math.max(worst, Math.abs(analytic - fd) / Math.max(Math.abs(analytic), Math.abs(fd), floor));
			}
		}
		expect(worst).toBeLessThan(1e-3);
	});

	it('of the float64 reference loss, for every activation with residual and LayerNorm', async () => {
		// In float64 FD is accurate to ~1e-8, so this pins the reference's (and, through the
		// test above, the graph's) backward pass, LayerNorm and residual paths included.
		for (const act of ACTIVATIONS) {
			const s: MlpShape = { ...shape, act, residual: true, norm: true };
			const sample = sampleMlpWeights({ ...s, seed: 9, init: 'xavier', sigma: 1 });
			const tensors = sample.tensors.map((t) => Float64Array.from(t));
			const ref = mlpReference(s, paramsFromInputs(s.depth, tensors));
			const lossAt = (k: number, i: number, d: number) => {
				const moved = tensors.slice();
				moved[k] = Float64Array.from(tensors[k]);
				moved[k][i] += d;
				return mlpReference(s, paramsFromInputs(s.depth, moved)).loss;
			};
			const h = 1e-5;
			const names = mlpInputNames(s.depth);
			const analytic: Record<string, ArrayLike<number>> = { grad_w1: ref.gradW[0], grad_b1: ref.gradB[0], grad_x: ref.gradX };
			for (const { input, grad, indices } of entries)
				for (const i of indices) {
					const k = names.indexOf(input);
					const fd = (lossAt(k, i, h) - lossAt(k, i, -h)) / (2 * h);
					expect(Math.abs(fd - analytic[grad][i])).toBeLessThan(1e-7 + 1e-6 * Math.abs(fd));
				}
		}
	});
});

/** Runs one graph for several seeds and returns pick(outputs) per seed. */
async function perSeed<T>(shape: MlpShape, init: Init, seeds: readonly number[], pick: (out: Results) => T): Promise<T[]> {
	const inst = await instance(shape, seeds[0], init);
	const values: T[] = [];
	for (const seed of seeds) {
		const s = sampleMlpWeights({ ...shape, seed, init, sigma: 1 });
		values.push(pick(await run(inst, s.tensors)));
	}
	return values;
}

const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const seedRange = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('the lab facts, computed by running the ONNX model', () => {
	const base = { depth: 20, width: 64, batch: 128, residual: false, norm: false };
	const variances = (out: Results) => layerVariance(out[MLP_OUTPUTS.acts].data, 20, 128, 64);
	/** log10 of (layer 1 / layer 20) for a per-layer output. */
	const log10FirstOverLast = (key: string) => (out: Results) => Math.log10(out[key].data[0] / out[key].data[19]);

	it('ReLU + He keeps Var(h_20)/Var(h_1) within a factor of 2 (averaged over 20 seeds)', async () => {
		// One weight draw at width 64 scatters a lot: ln(Var(h_20)/Var(h_1)) has a standard
		// deviation of ~1 across seeds (finite-width fluctuation, growing like depth/width), so
		// a 5-seed average can land near 0.46. He init preserves the EXPECTED second moment, so
		// the variances are averaged over seeds (not their ratios or logs) before dividing.
		const v = await perSeed({ ...base, act: 'relu' }, 'he', seedRange(20), variances);
		const ratio = mean(v.map((x) => x[19])) / mean(v.map((x) => x[0]));
		expect(ratio).toBeGreaterThan(0.5);
		expect(ratio).toBeLessThan(2);
	});

	it('ReLU + N(0, 1) grows Var(h_l) by orders of magnitude', async () => {
		const v = await perSeed({ ...base, act: 'relu' }, 'normal1', seedRange(3), variances);
		for (const x of v) {
			expect(Math.log10(x[19] / x[0])).toBeGreaterThan(10); // ~ (64/2)^19 in theory
			expect(Number.isFinite(x[19])).toBe(true);
		}
	});

	it('ReLU + N(0, 1) gradient norms stay finite in float32 (no sum-of-squares overflow)', async () => {
		const [out] = await perSeed({ ...base, act: 'relu' }, 'normal1', [1], (o) => o);
		for (const key of [MLP_OUTPUTS.gradNormW, MLP_OUTPUTS.gradNormH])
			for (const v of out[key].data) expect(Number.isFinite(v) && v > 1e12).toBe(true);
	});

	it('sigmoid + Xavier, depth 20: layer 1 gradient is >= 3 orders below layer 20', async () => {
		const seeds = seedRange(5);
		const w = await perSeed({ ...base, act: 'sigmoid' }, 'xavier', seeds, log10FirstOverLast(MLP_OUTPUTS.gradNormW));
		const h = await perSeed({ ...base, act: 'sigmoid' }, 'xavier', seeds, log10FirstOverLast(MLP_OUTPUTS.gradNormH));
		for (const r of [...w, ...h]) expect(r).toBeLessThanOrEqual(-3);
	});

	it('sigmoid + Xavier + residual: the gradient reaching layer 1 stays within an order of layer 20', async () => {
		const shape = { ...base, act: 'sigmoid' as const, residual: true };
		const seeds = seedRange(5);
		// ∂L/∂h_l, the signal the chain rule carries down: the identity path keeps it ~flat.
		const h = await perSeed(shape, 'xavier', seeds, log10FirstOverLast(MLP_OUTPUTS.gradNormH));
		for (const r of h) expect(Math.abs(r)).toBeLessThanOrEqual(1);
		// ∂L/∂W_l = h_{l-1}ᵀ ∂L/∂z_l also scales with the layer's INPUT, and in a residual
		// sigmoid net ‖h_l‖ grows with depth (every block adds a positive sigmoid output, ~0.5
		// per unit): ‖h_19‖ ≈ 10·‖x‖. So ‖∂L/∂W_1‖/‖∂L/∂W_20‖ measures ≈ 10^-1.3, outside one
		// order, while the same ratio per unit of input norm stays within one order.
		const perInput = (out: Results) => {
			const per = 128 * 64;
			const acts = out[MLP_OUTPUTS.acts].data;
			const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));
			const inputNorm1 = norm(sampleMlpWeights({ ...shape, seed: 1, init: 'xavier', sigma: 1 }).x);
			const inputNorm20 = norm(acts.subarray(18 * per, 19 * per));
			const g = out[MLP_OUTPUTS.gradNormW].data;
			return { raw: Math.log10(g[0] / g[19]), perInput: Math.log10(g[0] / inputNorm1 / (g[19] / inputNorm20)) };
		};
		const [w] = await perSeed(shape, 'xavier', [1], perInput);
		expect(w.raw).toBeLessThan(-1); // recorded honestly: the raw W-gradient ratio is NOT within one order
		expect(w.raw).toBeGreaterThan(-2); // ...but ten orders above the plain network's ≈ -12
		expect(Math.abs(w.perInput)).toBeLessThanOrEqual(1);
	});
});
