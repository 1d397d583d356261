/**
 * Figure 3's 2/λₘₐₓ: the gradient graph against a float64 hand-written gradient (itself checked
 * against finite differences of the loss), and the page's power iteration (ONNX gradients,
 * float32) against a float64 power iteration of the test's own on exact-arithmetic gradients.
 */
import { describe, expect, it } from 'vitest';
import { twoSpirals } from '$lib/datasets/spirals';
import { initialParams } from '$lib/onnx/training/model';
import { createSession, runSession } from '../../tests/support/ort';
import { buildGradientGraph, gradientFeeds, GRAD_INPUTS, GRAD_OUTPUT, powerIteration } from './sharpness';
import { flatParams, PARAM_COUNT, SPIRAL, spiralMlp } from './spiralMlp';
import { spiralLossAndGrad } from './spiralReference';

const { points, labels } = twoSpirals({ count: SPIRAL.examples, seed: SPIRAL.seed });
const theta0 = flatParams(initialParams(spiralMlp(SPIRAL.examples), SPIRAL.seed));

describe('figure 3: sharpness at the initial weights', () => {
	it('has the spec’s ~1.2k parameters', () => expect(PARAM_COUNT).toBe(1218));

	it('the float64 reference gradient matches central differences of its loss', () => {
		const { grad } = spiralLossAndGrad(theta0, points, labels);
		const h = 1e-6;
		for (const i of [0, 40, 70, 500, 1100, 1217]) {
			const plus = Float64Array.from(theta0);
			const minus = Float64Array.from(theta0);
			plus[i] += h;
			minus[i] -= h;
			const fd = (spiralLossAndGrad(plus, points, labels).loss - spiralLossAndGrad(minus, points, labels).loss) / (2 * h);
			expect(Math.abs(fd - grad[i])).toBeLessThan(1e-7 + 1e-5 * Math.abs(grad[i]));
		}
	});

	it('the gradient graph matches the float64 gradient', async () => {
		const session = await createSession(buildGradientGraph());
		const out = await runSession(session, { ...gradientFeeds(points, labels), [GRAD_INPUTS.theta]: { data: theta0, dims: [PARAM_COUNT] } });
		const got = out[GRAD_OUTPUT].data;
		const want = spiralLossAndGrad(theta0, points, labels).grad;
		const scale = Math.max(...want.map(Math.abs));
		for (let i = 0; i < PARAM_COUNT; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5 * scale);
	});

	it('power iteration on the graph’s gradients finds the float64 λₘₐₓ within 0.5%', { timeout: 120_000 }, async () => {
		const { initSharpness } = await import('./initSharpness');
		const { lambdaMax } = await initSharpness('wasm');

		// The test's own float64 power iteration: exact Hessian-vector products are not available
		// by hand, so central differences of the float64 gradient with a tiny step, iterated to rest.
		let v = Float64Array.from({ length: PARAM_COUNT }, (_, i) => Math.sin(1 + i * 0.7));
		let lambda = 0;
		for (let k = 0; k < 60; k++) {
			const n = Math.hypot(...v);
			v = v.map((x) => x / n);
			const e = 1e-5;
			const gp = spiralLossAndGrad(Float64Array.from(theta0, (t, i) => t + e * v[i]), points, labels).grad;
			const gm = spiralLossAndGrad(Float64Array.from(theta0, (t, i) => t - e * v[i]), points, labels).grad;
			const hv = gp.map((x, i) => (x - gm[i]) / (2 * e));
			lambda = hv.reduce((s, x, i) => s + x * v[i], 0);
			v = hv;
		}
		expect(lambda).toBeGreaterThan(0);
		expect(Math.abs(lambdaMax / lambda - 1)).toBeLessThan(5e-3);
	});

	it('powerIteration finds the top eigenvalue of a known matrix', async () => {
		// diag(5, 3, 1, −2): the gradient of ½θᵀAθ is Aθ.
		const diag = [5, 3, 1, -2];
		const gradient = async (t: Float32Array) => Float32Array.from(t, (x, i) => diag[i] * x);
		const { lambdaMax } = await powerIteration(gradient, new Float32Array(4), { iterations: 40, epsilon: 1e-2, seed: 3 });
		expect(lambdaMax).toBeCloseTo(5, 3);
	});
});
