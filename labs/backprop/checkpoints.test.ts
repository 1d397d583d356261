/**
 * Each checkpoint's computed answer against an independent one: the saved tensors and product
 * counts from the rules of reverse mode written out here, the signs of ∂L/∂b₂ from the float64
 * reference; and `isRight` on a right and a wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { isRight } from '$lib/practice/types';
import { schema } from './lab';
import { b2Signs, bestH, candidateTensors, forgotDiv, matmulCount, naiveBreak, savedTensors } from './checkpoints';
import { drawSample } from './data';
import { referenceRun } from './reference';
import type { BackpropState } from './compute';

const base = defaults(schema) as BackpropState;
const seeded = (n: number) => {
	let x = n;
	return () => ((x = (x * 16807) % 2147483647) / 2147483647);
};

/** What backward must read, by the local rules: the other operand of each product, what each derivative is written in. */
function savedByRule(s: BackpropState): Set<string> {
	const kept = new Set(['X', 'W₂', 'h₁']);
	if (s.xgrad) kept.add('W₁');
	if (s.act === 'relu') kept.add('z₁'); // ReLU′ from the sign of its input
	if (s.loss === 'ce') ['Y', 'log p'].forEach((t) => kept.add(t)); // ∂(y ⊙ log p) needs y; LogSoftmax′ its output
	else ['p', 'p − y'].forEach((t) => kept.add(t)); // Softmax′ needs p; the square needs d = p − y
	return kept;
}

describe('backprop checkpoints', () => {
	it('saved tensors: the generated graph keeps exactly what the rules say, for every setting', async () => {
		for (const act of ['tanh', 'relu', 'sigmoid'] as const)
			for (const loss of ['ce', 'mse'] as const)
				for (const xgrad of [false, true]) {
					const state = { ...base, act, loss, xgrad };
					const kind = savedTensors.answer(state);
					if (kind.kind !== 'cells') throw new Error('cells expected');
					const candidates = await candidateTensors(state);
					expect(candidates.map((c) => c.label)).toEqual(kind.rowLabels);
					const solution = await savedTensors.solve(state, 'wasm');
					const want = [...savedByRule(state)].map((label) => `${kind.rowLabels!.indexOf(label)},0`);
					expect(isRight(kind, { kind: 'cells', cells: want }, solution.expected), `${act} ${loss} ${xgrad}`).toBe(true);
					expect(isRight(kind, { kind: 'cells', cells: want.slice(1) }, solution.expected)).toBe(false);
				}
	});

	it('matrix products: 2L − 1 for two layers, one more with ∂L/∂X', async () => {
		const random = seeded(5);
		for (let i = 0; i < 6; i++) {
			const state = { ...base, ...matmulCount.settings(random) };
			const solution = await matmulCount.solve(state, 'wasm');
			const layers = 2;
			const want = 2 * layers - 1 + (state.xgrad ? 1 : 0);
			const kind = matmulCount.answer(state);
			expect(isRight(kind, { kind: 'number', value: want }, solution.expected)).toBe(true);
			expect(isRight(kind, { kind: 'number', value: want + 1 }, solution.expected)).toBe(false);
		}
	});

	it('signs of ∂L/∂b₂: the model’s against the float64 reference', async () => {
		const random = seeded(11);
		for (let i = 0; i < 3; i++) {
			const state = { ...base, ...b2Signs.settings(random) };
			const sample = drawSample(state.hidden, state.batch, state.seed);
			expect(sample.labels[0]).toBe(0); // the prompt's "class 1"
			const ref = referenceRun({ ...sample.params, X: sample.X, Y: sample.Y, batch: 1, hidden: state.hidden, act: state.act, loss: 'ce' });
			const want = ref.grads.b2.map((v, c) => `${c},${v > 0 ? 0 : v < 0 ? 2 : 1}`);
			const solution = await b2Signs.solve(state, 'wasm');
			const kind = b2Signs.answer(state);
			expect(isRight(kind, { kind: 'cells', cells: want }, solution.expected)).toBe(true);
			expect(isRight(kind, { kind: 'cells', cells: ['0,0', '1,2', '2,2'] }, solution.expected)).toBe(false);
		}
	});

	it('when naive breaks: the bisected s puts log Σe^(s·z) within 0.4 of ln FLT_MAX; the analytic s* counts as right, s = 30 not', async () => {
		const state = { ...base, ...naiveBreak.settings(seeded(1)) };
		const solution = await naiveBreak.solve(state, 'wasm');
		if (solution.expected.kind !== 'number') throw new Error('number expected');
		const s = solution.expected.value;
		// z = (2, 0.5, −1) as the prompt says; 88.7228 = ln(3.4028235e38).
		const lse = Math.log(Math.exp(2 * s) + Math.exp(0.5 * s) + Math.exp(-s));
		expect(Math.abs(lse - 88.7228)).toBeLessThanOrEqual(0.4);
		const kind = naiveBreak.answer(state);
		expect(isRight(kind, { kind: 'number', value: 44.36 }, solution.expected)).toBe(true);
		expect(isRight(kind, { kind: 'number', value: 30 }, solution.expected)).toBe(false);
	});

	it('best h: inside the spec’s float32 window [1e-3, 3e-2]; 1e-6 is wrong', async () => {
		const random = seeded(3);
		for (let i = 0; i < 2; i++) {
			const state = { ...base, ...bestH.settings(random) };
			const solution = await bestH.solve(state, 'wasm');
			if (solution.expected.kind !== 'marker') throw new Error('marker expected');
			expect(solution.expected.value).toBeGreaterThanOrEqual(1e-3);
			expect(solution.expected.value).toBeLessThanOrEqual(3e-2);
			const kind = bestH.answer(state);
			expect(isRight(kind, { kind: 'marker', value: 1e-6 }, solution.expected)).toBe(false);
		}
	});

	it('forgot ÷ k: k times the one-batch gradient, by the float64 reference summed over micro-batch means', async () => {
		const random = seeded(9);
		for (let i = 0; i < 3; i++) {
			const state = { ...base, ...forgotDiv.settings(random) };
			const k = Number(state.k);
			// Independent: float64 gradients of each micro-batch's mean loss, summed, against the whole batch's.
			const sample = drawSample(state.hidden, 16, state.seed);
			const grad = (from: number, to: number) => {
				const r = referenceRun({ ...sample.params, X: sample.X.slice(2 * from, 2 * to), Y: sample.Y.slice(3 * from, 3 * to), batch: to - from, hidden: state.hidden, act: state.act, loss: state.loss }).grads;
				return [...r.W1, ...r.b1, ...r.W2, ...r.b2];
			};
			const whole = grad(0, 16);
			const summed = whole.map(() => 0);
			for (let j = 0; j < k; j++) grad((j * 16) / k, ((j + 1) * 16) / k).forEach((g, n) => (summed[n] += g));
			const len = (v: number[]) => Math.hypot(...v);
			const ratio = len(summed) / len(whole);
			expect(Math.abs(ratio - k)).toBeLessThanOrEqual(1e-9 * k);
			const solution = await forgotDiv.solve(state, 'wasm');
			const shownRatio = Number(solution.shown.split('= ').at(-1));
			expect(Math.abs(shownRatio - ratio)).toBeLessThanOrEqual(1e-3 * k);
			const kind = forgotDiv.answer(state);
			expect(isRight(kind, { kind: 'choice', id: 'k-times' }, solution.expected)).toBe(true);
			expect(isRight(kind, { kind: 'choice', id: 'equal' }, solution.expected)).toBe(false);
		}
	});
});
