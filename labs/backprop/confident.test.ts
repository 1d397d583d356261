/**
 * Figure 3 with squared error: the confidently wrong example (true class at p_c = 10⁻⁴), run by
 * the lab's compute through its ONNX graph (WASM in Node), against ∂L/∂z_c worked out here in
 * float64 from the softmax and each loss.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { schema } from './lab';
import { computeBackprop, CONFIDENT_PC, type BackpropState } from './compute';

const base = defaults(schema) as BackpropState;

/** Logits (a, 0, 0) with softmax p_0 = p_c, the true class 0: ∂L/∂z_0 for L = Σ(p − y)² and for L = −log p_0. */
function expected(pc: number) {
	const a = Math.log((2 * pc) / (1 - pc));
	const e = [Math.exp(a), 1, 1];
	const sum = e[0] + e[1] + e[2];
	const p = e.map((v) => v / sum);
	const y = [1, 0, 0];
	// ∂p_i/∂z_0 = p_i(δ_i0 − p_0)
	const mse = p.reduce((acc, pi, i) => acc + 2 * (pi - y[i]) * pi * ((i === 0 ? 1 : 0) - p[0]), 0);
	return { p0: p[0], mse, ce: p[0] - 1 };
}

describe('figure 3: a confidently wrong example under squared error', () => {
	it.each(['tanh', 'relu', 'sigmoid'] as const)('%s: ∂L/∂z_c is below 10⁻³ with squared error and about −1 with cross-entropy, as float64 says', async (act) => {
		const r = await computeBackprop({ ...base, act, loss: 'mse' }, 'wasm');
		const c = r.confident!;
		const want = expected(CONFIDENT_PC);
		expect(want.p0).toBeCloseTo(CONFIDENT_PC, 12);
		expect(Math.abs(c.dzMse - want.mse)).toBeLessThan(1e-6);
		expect(Math.abs(c.dzCe - want.ce)).toBeLessThan(1e-6);
		// The spec's fact.
		expect(Math.abs(c.dzMse)).toBeLessThan(1e-3);
		expect(Math.abs(c.dzCe + 1)).toBeLessThan(1e-3);
	});

	it('cross-entropy needs no such example: the figure shows none', async () => {
		expect((await computeBackprop({ ...base, loss: 'ce' }, 'wasm')).confident).toBeNull();
	});
});
