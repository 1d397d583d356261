/**
 * Every vanishing-gradients checkpoint: `solve` (the page's compute path, the ONNX graph run on
 * WASM in Node) against the float64 TypeScript reference (reference.ts) on the same weights, and
 * `isRight` on a right and a wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { isRight } from '$lib/practice/types';
import { schema, vanishingGradients } from './lab';
import checkpoints, { gradientRatio, reluInit, tanhCollapse } from './checkpoints';
import { sampleMlpWeights } from './init';
import { layerVariance, mlpReference, paramsFromInputs } from './reference';
import { BATCH, type VgState } from './compute';

const asked = (patch: Partial<VgState>): VgState => ({ ...defaults(schema), ...patch });

/** The reference network's numbers for a state, on the weights the page would draw. */
function reference(state: VgState) {
	const { depth, width, act, residual, norm } = state;
	const sample = sampleMlpWeights({ depth, width, batch: BATCH, seed: state.seed, init: state.init, sigma: state.sigma });
	const ref = mlpReference({ depth, width, batch: BATCH, act, residual, norm }, paramsFromInputs(depth, sample.tensors));
	return { ...ref, variance: layerVariance(ref.acts, depth, BATCH, width) };
}

/** A deterministic stand-in for Math.random, so each test asks at known settings. */
const stream = (...values: number[]) => {
	let i = 0;
	return () => values[i++ % values.length];
};

describe('vanishing-gradients checkpoints', () => {
	it('one checkpoint per card, same ids', () => {
		expect(checkpoints.map((c) => c.id)).toEqual(vanishingGradients.checkpoints.map((c) => c.id));
	});

	it('gradient ratio: solve matches the float64 reference, and a decade off is wrong', async () => {
		for (const r of [0.0, 0.5, 0.95]) {
			const state = asked(gradientRatio.settings(stream(r, 0.3)));
			const ref = reference(state);
			const expected = ref.gradNormW[0] / ref.gradNormW[state.depth - 1];
			const solution = await gradientRatio.solve(state, 'wasm');
			if (solution.expected.kind !== 'number') throw new Error('a number');
			expect(Math.abs(Math.log10(solution.expected.value / expected))).toBeLessThan(0.01);
			// Sigmoid really vanishes: many decades at depth ≥ 10.
			expect(expected).toBeLessThan(1e-3);
			const kind = gradientRatio.answer(state);
			expect(isRight(kind, { kind: 'number', value: expected * 3 }, solution.expected)).toBe(true);
			expect(isRight(kind, { kind: 'number', value: expected * 30 }, solution.expected)).toBe(false);
			expect(solution.explanation).toContain(`over ${state.depth - 1} layers`);
		}
	});

	it('tanh with N(0, 0.01²): the last layer’s std from the reference, and the per-layer factor is 0.01·√n', async () => {
		const state = asked(tanhCollapse.settings(Math.random));
		const ref = reference(state);
		const std = Math.sqrt(ref.variance[state.depth - 1]);
		const solution = await tanhCollapse.solve(state, 'wasm');
		if (solution.expected.kind !== 'number') throw new Error('a number');
		expect(Math.abs(Math.log10(solution.expected.value / std))).toBeLessThan(0.01);
		// The explanation's claim: each layer multiplies the std by about σ·√n (closed form).
		const perLayer = (std / Math.sqrt(ref.variance[0])) ** (1 / (state.depth - 1));
		expect(perLayer / (0.01 * Math.sqrt(state.width))).toBeGreaterThan(0.9);
		expect(perLayer / (0.01 * Math.sqrt(state.width))).toBeLessThan(1.1);
		const kind = tanhCollapse.answer(state);
		expect(isRight(kind, { kind: 'number', value: std / 2 }, solution.expected)).toBe(true);
		expect(isRight(kind, { kind: 'number', value: std * 100 }, solution.expected)).toBe(false);
	});

	it('ReLU: the init that keeps the variance level is He, by the reference, for the seeds drawn', async () => {
		for (const r of [0.1, 0.7]) {
			const state = asked(reluInit.settings(stream(r)));
			const growth = (init: VgState['init']) => {
				const v = reference({ ...state, init }).variance;
				return Math.abs(Math.log(v[state.depth - 1] / v[0]));
			};
			const inits = ['normal1', 'small', 'xavier', 'he'] as const;
			const best = inits.reduce((a, b) => (growth(b) < growth(a) ? b : a));
			expect(best).toBe('he');
			const solution = await reluInit.solve(state, 'wasm');
			expect(solution.expected).toEqual({ kind: 'choice', id: best });
			const kind = reluInit.answer(state);
			expect(isRight(kind, { kind: 'choice', id: 'he' }, solution.expected)).toBe(true);
			expect(isRight(kind, { kind: 'choice', id: 'xavier' }, solution.expected)).toBe(false);
		}
	});
});
