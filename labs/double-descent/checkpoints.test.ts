/**
 * Every double-descent checkpoint: `solve` (the lab's sweep engine) against an independent
 * float64 reference written from the definitions, as float64Curve.test.ts does: features
 * cos(w_j x + b_j)·√(2/p) from the lab's seeded draws, the min-norm fit from ml-matrix's
 * pseudoInverse, errors on the test grid; and `isRight` on a right and a wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { Matrix, pseudoInverse } from 'ml-matrix';
import { defaults } from '$lib/state/schema';
import { isRight } from '$lib/practice/types';
import { doubleDescent, schema } from './lab';
import checkpoints, { normRatio, peak, trainPastThreshold } from './checkpoints';
import { drawFeatures, drawTraining, featureScale, testGrid } from './data';
import { maxFeatures, pGrid } from './sweep';
import { targetFn } from './targets';

type State = ReturnType<typeof defaults<typeof schema>>;
const asked = (patch: Partial<State>): State => ({ ...defaults(schema), ...patch });
const stream = (...values: number[]) => {
	let i = 0;
	return () => values[i++ % values.length];
};

/** Test error, training error and ‖θ̂‖ per seed, for p Fourier features, by pseudoInverse. */
function reference(s: State, p: number) {
	const f = targetFn(s.target);
	const grid = testGrid();
	return Array.from({ length: s.seeds }, (_, k) => {
		const draw = drawTraining(s.seed, k);
		const xs = Array.from(draw.x.subarray(0, s.n));
		const y = xs.map((x, i) => f(x) + s.noise * draw.noise[i]);
		const { w, b } = drawFeatures('fourier', s.seed, k, maxFeatures(s.n), s.n);
		const row = (x: number) => Array.from({ length: p }, (_, j) => featureScale(p) * Math.cos(w[j] * x + b[j]));
		const phi = new Matrix(xs.map(row));
		const theta = pseudoInverse(phi).mmul(Matrix.columnVector(y));
		const pred = new Matrix(Array.from(grid, row)).mmul(theta);
		const fitted = phi.mmul(theta);
		let test = 0;
		for (let i = 0; i < grid.length; i++) test += (pred.get(i, 0) - f(grid[i])) ** 2;
		let train = 0;
		for (let i = 0; i < s.n; i++) train += (fitted.get(i, 0) - y[i]) ** 2;
		return { test: test / grid.length, train: train / s.n, norm: theta.norm() };
	});
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('double-descent checkpoints', () => {
	it('one checkpoint per card, same ids', () => {
		expect(checkpoints.map((c) => c.id)).toEqual(doubleDescent.checkpoints.map((c) => c.id));
	});

	it('the peak: solve’s p is where the reference test error is largest, at the threshold p = n', async () => {
		for (const r of [0.1, 0.5]) {
			const state = asked(peak.settings(stream(r, 0.4)));
			const ps = pGrid(state.n).filter((p) => p >= state.n / 2 && p <= 2 * state.n);
			const errors = ps.map((p) => mean(reference(state, p).map((x) => x.test)));
			const refPeak = ps[errors.indexOf(Math.max(...errors))];
			const s = await peak.solve(state, 'wasm');
			expect(s.expected).toEqual({ kind: 'marker', value: refPeak });
			expect(refPeak / state.n).toBeGreaterThan(0.8);
			expect(refPeak / state.n).toBeLessThan(1.25);
			const kind = peak.answer(state);
			expect(isRight(kind, { kind: 'marker', value: refPeak * 1.2 }, s.expected)).toBe(true);
			expect(isRight(kind, { kind: 'marker', value: refPeak * 3 }, s.expected)).toBe(false);
		}
	}, 300_000);

	it('training error past the threshold is zero by the reference', async () => {
		const state = asked(trainPastThreshold.settings(stream(0.7, 0.2)));
		const train = mean(reference(state, 2 * state.n).map((x) => x.train));
		expect(train).toBeLessThan(1e-12);
		const s = await trainPastThreshold.solve(state, 'wasm');
		expect(s.expected).toEqual({ kind: 'choice', id: 'zero' });
		const kind = trainPastThreshold.answer(state);
		expect(isRight(kind, { kind: 'choice', id: 'zero' }, s.expected)).toBe(true);
		expect(isRight(kind, { kind: 'choice', id: 'noise' }, s.expected)).toBe(false);
	}, 300_000);

	it('‖θ̂‖ at p = n over p = 10n: solve matches the reference (geometric mean over seeds, as the figure averages)', async () => {
		const state = asked(normRatio.settings(stream(0.4, 0.6)));
		const geo = (xs: number[]) => Math.exp(mean(xs.map(Math.log)));
		const ratio = geo(reference(state, state.n).map((x) => x.norm)) / geo(reference(state, 10 * state.n).map((x) => x.norm));
		const s = await normRatio.solve(state, 'wasm');
		if (s.expected.kind !== 'number') throw new Error('a number');
		expect(Math.abs(Math.log(s.expected.value / ratio))).toBeLessThan(0.01);
		expect(ratio).toBeGreaterThan(10);
		const kind = normRatio.answer(state);
		expect(isRight(kind, { kind: 'number', value: ratio * 2 }, s.expected)).toBe(true);
		expect(isRight(kind, { kind: 'number', value: ratio / 10 }, s.expected)).toBe(false);
	}, 300_000);
});
