/**
 * Figure 5, left: the per-example gradient graph against the float64 reference of the network
 * (spiralReference.ts), and the spec's fact: the measured tr Cov of mini-batch gradients (the
 * lab's compute, ONNX on WASM in Node) is within 15% of (tr Σ/B)(N−B)/(N−1) for B = 1…256, with
 * tr Σ computed here from float64 per-example gradients.
 */
import { describe, expect, it } from 'vitest';
import { twoSpirals } from '$lib/datasets/spirals';
import { initialParams } from '$lib/onnx/training/model';
import { analyticTrCov, measureBatchNoise } from './batchNoise';
import { flatParams, PARAM_COUNT, SPIRAL, spiralMlp } from './spiralMlp';
import { spiralLossAndGrad } from './spiralReference';

const N = SPIRAL.examples;

/** Float64 per-example gradients: the reference network on one example at a time. */
function referenceGradients(): Float64Array[] {
	const { points, labels } = twoSpirals({ count: N, seed: SPIRAL.seed });
	const theta = Float64Array.from(flatParams(initialParams(spiralMlp(N), SPIRAL.seed)));
	return Array.from({ length: N }, (_, n) => spiralLossAndGrad(theta, [points[2 * n], points[2 * n + 1]], [labels[n]]).grad);
}

describe('figure 5: gradient noise against batch size', () => {
	const reference = referenceGradients();
	const mean = new Float64Array(PARAM_COUNT);
	for (const g of reference) for (let j = 0; j < PARAM_COUNT; j++) mean[j] += g[j] / N;
	const traceSigma = reference.reduce((s, g) => s + g.reduce((t, x, j) => t + (x - mean[j]) ** 2, 0), 0) / N;
	const gradNormSq = mean.reduce((s, x) => s + x * x, 0);

	it('the ONNX graph’s per-example gradients match the float64 reference', { timeout: 120_000 }, async () => {
		const { perExampleGradients } = await import('./initBatchNoise');
		const { grads, gram } = await perExampleGradients('wasm');
		let worst = 0;
		for (let n = 0; n < N; n++) {
			const norm = Math.hypot(...reference[n]);
			for (let j = 0; j < PARAM_COUNT; j++) worst = Math.max(worst, Math.abs(grads[n * PARAM_COUNT + j] - reference[n][j]) / Math.max(norm, 1e-6));
		}
		expect(worst).toBeLessThan(1e-4);
		// The Gram matrix is the gradients' inner products (a few pairs, in float64).
		for (const [i, j] of [[0, 0], [3, 7], [100, 511], [511, 511]]) {
			const dot = reference[i].reduce((s, x, k) => s + x * reference[j][k], 0);
			expect(Math.abs(gram[i * N + j] - dot)).toBeLessThan(1e-4 * Math.max(1, Math.abs(dot)));
		}
	});

	it('measured tr Cov(g_B) is within 15% of (tr Σ/B)(N−B)/(N−1) for B = 1…256; B_simple is about 26', { timeout: 120_000 }, async () => {
		const { batchNoise } = await import('./initBatchNoise');
		const r = await batchNoise('wasm', 1);
		expect(r.sizes).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
		const ratios = r.sizes.map((b, i) => r.measured[i] / analyticTrCov(traceSigma, b, N));
		console.log('measured / analytic tr Cov, B = 1…256:', ratios.map((x) => x.toFixed(3)).join(' '));
		for (const ratio of ratios) expect(Math.abs(ratio - 1)).toBeLessThan(0.15);
		expect(Math.abs(r.traceSigma / traceSigma - 1)).toBeLessThan(1e-4);
		// The article says B_simple is "about 26".
		expect(traceSigma / gradNormSq).toBeGreaterThan(25);
		expect(traceSigma / gradNormSq).toBeLessThan(27);
	});

	it('on a tiny case, draws without replacement average to the formula', () => {
		// Four one-number "gradients": tr Σ = 1.25 (population variance of 1, 2, 3, 4).
		const g = [1, 2, 3, 4];
		const r = measureBatchNoise(g.flatMap((a) => g.map((b) => a * b)), 4, 3, [1, 2, 3, 4], 20_000);
		expect(r.traceSigma).toBeCloseTo(1.25, 12);
		// Exact: Var of the mean of B of 4 without replacement, 1.25/B · (4−B)/3.
		[1.25, 0.625 / 3 * 2, 1.25 / 9, 0].forEach((want, i) => expect(r.measured[i]).toBeCloseTo(want, 1));
		expect(r.analytic[1]).toBeCloseTo(1.25 / 2 * 2 / 3, 12);
	});
});
