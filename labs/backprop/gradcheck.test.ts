/**
 * Figure 5's gradient check on onnxruntime-web (WASM in Node): the batched forward graph against
 * the float64 reference, and the spec's facts, ‖g_fd − g‖/‖g‖ ≤ 1e-3 at h = 3e-3 (float32, tanh),
 * the float32 error smallest for h in [1e-3, 3e-2] and the float64 one for h in [1e-6, 1e-4];
 * and the ReLU scene's kink.
 */
import { describe, expect, it } from 'vitest';
import { runModel, runSplitModel } from '../../tests/support/ort';
import { drawSample, feedsFor } from './data';
import { argmin, buildCheckGraph, checkFeeds, flatten, float32Curve, float64Curve, H_SWEEP, loss64, paramCount, variantCount, type CheckShape } from './gradcheck';
import { buildBackpropGraph } from './model';
import { referenceRun } from './reference';
import { defaults } from '$lib/state/schema';
import { backprop, schema } from './lab';

/** The backward graph's gradient, flattened W1, b1, W2, b2. */
async function backwardGradient(s: CheckShape, seed: number): Promise<number[]> {
	const shape = { ...s, xgrad: false };
	const { split, spec } = buildBackpropGraph(shape);
	const out = await runSplitModel(split, feedsFor(drawSample(s.hidden, s.batch, seed), shape));
	return (['W1', 'b1', 'W2', 'b2'] as const).flatMap((p) => Array.from(out[spec.gradOutputs[p]].data));
}

async function losses(s: CheckShape, seed: number, hs: readonly number[]): Promise<number[]> {
	const out = await runModel(buildCheckGraph(s, variantCount(s.hidden, hs.length)), checkFeeds(drawSample(s.hidden, s.batch, seed), s, hs));
	return Array.from(out.L.data);
}

describe('gradient check graph', () => {
	it('the float64 loss of the curve equals reference.ts’s, for every activation and loss', () => {
		for (const act of ['tanh', 'relu', 'sigmoid'] as const)
			for (const loss of ['ce', 'mse'] as const) {
				const s: CheckShape = { hidden: 5, batch: 6, act, loss };
				const sample = drawSample(5, 6, 4);
				const want = referenceRun({ ...sample.params, X: sample.X, Y: sample.Y, ...s }).loss;
				expect(Math.abs(loss64(flatten(sample.params), sample, s) - want)).toBeLessThanOrEqual(1e-12);
			}
	});

	it('unperturbed (h = 0), every variant gives the float64 loss', async () => {
		const s: CheckShape = { hidden: 4, batch: 5, act: 'sigmoid', loss: 'mse' };
		const sample = drawSample(4, 5, 2);
		const want = referenceRun({ ...sample.params, X: sample.X, Y: sample.Y, ...s }).loss;
		const got = await losses(s, 2, [0]);
		expect(got).toHaveLength(2 * paramCount(4));
		for (const l of got) expect(Math.abs(l - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, want));
	});

	it.each([
		[1, 1],
		[3, 8]
	])('tanh, seed %i, batch %i: the facts of the spec', async (seed, batch) => {
		const s: CheckShape = { hidden: 3, batch, act: 'tanh', loss: 'ce' };
		const hs = [...H_SWEEP, 3e-3];
		const f32 = float32Curve(await losses(s, seed, hs), hs, await backwardGradient(s, seed));
		expect(f32.at(-1)!).toBeLessThanOrEqual(1e-3);
		const best32 = H_SWEEP[argmin(f32.slice(0, H_SWEEP.length))];
		expect(best32).toBeGreaterThanOrEqual(1e-3);
		expect(best32).toBeLessThanOrEqual(3e-2);
		const f64 = float64Curve(drawSample(3, batch, seed), s, H_SWEEP);
		const best64 = H_SWEEP[argmin(f64)];
		expect(best64).toBeGreaterThanOrEqual(1e-6);
		expect(best64).toBeLessThanOrEqual(1e-4);
		// Round-off at h = 1e-8 swamps float32; truncation at h = 1 spoils both.
		expect(f32[0]).toBeGreaterThan(0.1);
		expect(f64.at(-1)!).toBeGreaterThan(1e-3);
	});

	it('the ReLU scene: inputs within its h of the kink spoil the check, and a smaller h mends it', async () => {
		const scene = backprop.scenes.find((sc) => sc.id === 'gradient-check-relu')!;
		const st = { ...defaults(schema), ...scene.state };
		expect(st.act).toBe('relu');
		const s: CheckShape = { hidden: st.hidden, batch: st.batch, act: 'relu', loss: st.loss };
		const sample = drawSample(s.hidden, s.batch, st.seed);
		// First-layer pre-activations z₁ = X W₁ + b₁, in float64, counted within h of 0.
		const { W1, b1 } = sample.params;
		let near = 0;
		for (let r = 0; r < s.batch; r++)
			for (let j = 0; j < s.hidden; j++) {
				let z = b1[j];
				for (let i = 0; i < 2; i++) z += sample.X[r * 2 + i] * W1[i * s.hidden + j]; // X is [batch, 2], W₁ [2, hidden]
				if (Math.abs(z) < st.h) near++;
			}
		expect(near, 'ReLU inputs within h of 0').toBeGreaterThan(0);
		const hs = [st.h, 3e-3];
		const f32 = float32Curve(await losses(s, st.seed, hs), hs, await backwardGradient(s, st.seed));
		const f64 = float64Curve(sample, s, hs);
		// Not round-off: float64 is as far off. A step below the nearest input's distance passes.
		expect(f32[0]).toBeGreaterThan(1e-2);
		expect(f64[0]).toBeGreaterThan(1e-2);
		expect(f32[1]).toBeLessThan(1e-3);
	});
});
