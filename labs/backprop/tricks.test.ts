/**
 * Figure 6's facts, computed: the lab's compute (real ONNX runs on WASM in Node) against the
 * float64 reference written by hand in reference.ts, which knows nothing of detach, in-place
 * overwrites or micro-batches.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { schema } from './lab';
import { computeBackprop, type BackpropState } from './compute';
import { drawSample } from './data';
import { referenceRun } from './reference';
import { centralDifferences, relativeError } from './gradcheck';
import { PARAM_NAMES } from './model';
import { relativeTo } from './accumulate';

const base = defaults(schema) as BackpropState;
const flat = (g: Record<string, ArrayLike<number>>) => PARAM_NAMES.flatMap((p) => Array.from(g[p]));

/** float64 gradient of the mean loss over rows [from, to) of the seed's batch of 32. */
function reference(state: BackpropState, from: number, to: number) {
	const s = drawSample(state.hidden, 32, state.seed);
	const X = s.X.slice(2 * from, 2 * to);
	const Y = s.Y.slice(3 * from, 3 * to);
	return flat(referenceRun({ ...s.params, X, Y, batch: to - from, hidden: state.hidden, act: state.act, loss: state.loss }).grads);
}

describe('figure 6: detach', () => {
	it.each(['ce', 'mse'] as const)('detaching the max in log-sum-exp changes no gradient (≤ 1e-6), %s', async (loss) => {
		for (const batch of [1, 7]) {
			const state = { ...base, loss, batch, detach: 'lsemax' as const };
			const r = await computeBackprop(state, 'wasm');
			const sample = drawSample(state.hidden, batch, state.seed);
			const ref = flat(referenceRun({ ...sample.params, X: sample.X, Y: sample.Y, batch, hidden: state.hidden, act: state.act, loss }).grads);
			const got = flat(r.grads);
			got.forEach((g, i) => expect(Math.abs(g - ref[i]), `entry ${i}`).toBeLessThanOrEqual(1e-6));
			// The graph without the stop-gradient, run beside it, agrees too.
			r.tricks.undetached!.forEach((g, i) => expect(Math.abs(g - got[i])).toBeLessThanOrEqual(1e-6));
			expect(r.graph.changed.length).toBeGreaterThan(0);
		}
	});

	it('detaching h₁: ∂L/∂W₁ and ∂L/∂b₁ exactly 0, the rest as before, and backward loses their nodes', async () => {
		for (const act of ['tanh', 'relu', 'sigmoid'] as const) {
			const state = { ...base, act, batch: 4, detach: 'hidden' as const };
			const r = await computeBackprop(state, 'wasm');
			expect(r.grads.W1.every((v) => v === 0)).toBe(true);
			expect(r.grads.b1.every((v) => v === 0)).toBe(true);
			const ref = reference({ ...state }, 0, 4).slice(3 * state.hidden);
			flat(r.grads).slice(3 * state.hidden).forEach((g, i) => expect(Math.abs(g - ref[i])).toBeLessThanOrEqual(1e-6));
			// Only ∂L/∂W₂ = h₁ᵀ∂L/∂z is a product now; no node reads W₂ to pass a gradient down, nor the activation.
			const backward = r.graph.nodes.filter((n) => n.phase === 'backward');
			expect(backward.filter((n) => n.op === 'MatMul')).toHaveLength(1);
			expect(backward.some((n) => n.inputs.includes('W2'))).toBe(false);
			const plain = await computeBackprop({ ...state, detach: 'none' }, 'wasm');
			expect(backward.length).toBeLessThan(plain.graph.nodes.filter((n) => n.phase === 'backward').length);
		}
	});
});

describe('figure 6: in-place on saved and unsaved tensors', () => {
	/** The lab's own gradient check at the reader's h: float32 central differences against backward's gradient g. */
	const check = (r: Awaited<ReturnType<typeof computeBackprop>>, g: number[]) =>
		relativeError(centralDifferences(r.gradcheck.losses, g.length, r.gradcheck.hs.length - 1, r.gradcheck.hs.at(-1)!), g);

	it('tanh: z₁ is not saved, so doubling it is harmless; h₁ is saved, so backward goes wrong', async () => {
		for (const batch of [1, 5]) {
			const state = { ...base, batch };
			const ref = reference(state, 0, batch);
			const unsaved = await computeBackprop({ ...state, inplace: 'z1' }, 'wasm');
			const saved = await computeBackprop({ ...state, inplace: 'h1' }, 'wasm');
			const labels = (r: typeof saved) => r.graph.saved.map((id) => r.graph.nodes.find((n) => n.id === id)?.label ?? id);
			expect(labels(saved)).toContain('h₁');
			expect(labels(saved)).not.toContain('z₁');
			expect(relativeTo(unsaved.tricks.inplace!, ref)).toBeLessThan(1e-5);
			expect(relativeTo(saved.tricks.inplace!, ref)).toBeGreaterThan(0.1);
			// The gradient check passes (≤ 1e-3 at h = 3e-3) on the unsaved one and fails on the saved one.
			expect(check(unsaved, unsaved.tricks.inplace!)).toBeLessThanOrEqual(1e-3);
			expect(check(saved, saved.tricks.inplace!)).toBeGreaterThan(1e-2);
		}
	});
});

describe('figure 6: gradient accumulation', () => {
	it('k = 4: .grad lands on the one-batch gradient (1e-5 relative), 4× it without ÷k', async () => {
		const ref = reference(base, 0, 16);
		const ok = await computeBackprop({ ...base, k: '4', acc: 'ok' }, 'wasm');
		const acc = ok.tricks.accumulation;
		expect(acc.after).toHaveLength(5);
		expect(acc.after[0].every((v) => v === 0)).toBe(true);
		expect(relativeTo(acc.after[4], ref)).toBeLessThanOrEqual(1e-5);
		expect(relativeTo(acc.oneBatch, ref)).toBeLessThanOrEqual(1e-5);
		expect(relativeTo(acc.after[4], acc.oneBatch)).toBeLessThanOrEqual(1e-5);
		const nodiv = (await computeBackprop({ ...base, k: '4', acc: 'nodiv' }, 'wasm')).tricks.accumulation;
		expect(relativeTo(nodiv.after[4], ref.map((g) => 4 * g))).toBeLessThanOrEqual(1e-5);
	});

	it.each(['1', '2', '8'] as const)('k = %s: the sum of micro-batch means ÷ k is the batch mean', async (k) => {
		const r = (await computeBackprop({ ...base, act: 'relu', k, acc: 'ok' }, 'wasm')).tricks.accumulation;
		expect(r.after).toHaveLength(Number(k) + 1);
		expect(relativeTo(r.after.at(-1)!, reference({ ...base, act: 'relu' }, 0, 16))).toBeLessThanOrEqual(1e-5);
	});

	it('forgotten zero_grad: .grad starts at the previous batch’s gradient and ends at the sum', async () => {
		const r = (await computeBackprop({ ...base, acc: 'nozero' }, 'wasm')).tricks.accumulation;
		const previous = reference(base, 16, 32);
		expect(relativeTo(r.after[0], previous)).toBeLessThanOrEqual(1e-5);
		const both = reference(base, 0, 16).map((g, i) => g + previous[i]);
		expect(relativeTo(r.after.at(-1)!, both)).toBeLessThanOrEqual(1e-5);
	});
});
