/**
 * The O(r²) forms (forms.ts) against the direct route they replace in the sweep: two solves per
 * model and passes over the g test points and n training points (`linearPieces`, `statsAt`).
 * Real fits of the lab's ReLU and Fourier features on both sides of the threshold, at λ = 0 and
 * ridge strengths, at several noise levels.
 */
import { describe, expect, it } from 'vitest';
import { linearPieces, quadraticAt, statsAt, testErrorAt } from './curves';
import { drawFeatures, drawTraining, testGrid, type FeatureFamily } from './data';
import { featureMatrix } from './features';
import { formsAt, labelForms, summaryAt } from './forms';
import { fitAt, maxFeatures } from './sweep';
import { evaluateTarget, targetFn } from './targets';

const N = 20;

function fitOf(family: FeatureFamily, p: number, n = N) {
	const x = [...drawTraining(3, 0).x, ...testGrid()];
	const fit = fitAt({ data: featureMatrix(x, drawFeatures(family, 3, 0, maxFeatures(n), n)), cols: maxFeatures(n) }, n, p);
	const draw = drawTraining(3, 0);
	const clean = Float64Array.from(draw.x.subarray(0, n), targetFn('sine'));
	const unit = draw.noise.slice(0, n);
	return { fit, clean, unit, truth: evaluateTarget('sine', testGrid()) };
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('forms equal the direct solves', () => {
	for (const family of ['relu', 'fourier'] as const) {
		// Classical, just under, at, just over and far past the threshold p = n.
		for (const p of [5, 19, 20, 21, 80, 400]) {
			it(`${family}, n = ${N}, p = ${p}`, () => {
				const { fit, clean, unit, truth } = fitOf(family, p);
				const forms = labelForms(fit, clean, unit, truth);
				for (const lambda of [0, 1e-6, 0.01, 1]) {
					const at = formsAt(forms, lambda);
					const pieces = linearPieces(fit, clean, unit, lambda);
					for (const noise of [0, 0.3, 1]) {
						const direct = statsAt(pieces, clean, unit, noise, truth);
						const fast = summaryAt(forms, at, noise);
						const where = `λ = ${lambda}, σ = ${noise}`;
						expect(relative(fast.testMse, direct.testMse), `test error, ${where}`).toBeLessThan(1e-9);
						expect(relative(fast.thetaNorm, direct.thetaNorm), `‖θ̂‖, ${where}`).toBeLessThan(1e-9);
						expect(relative(fast.bias2, direct.bias2), `bias², ${where}`).toBeLessThan(1e-9);
						expect(relative(fast.variance, direct.variance) < 1e-9 || direct.variance === 0, `variance, ${where}`).toBe(true);
						expect(fast.sigmaMin).toBe(direct.sigmaMin);
						// Train error: zero exactly where the direct route calls it zero (interpolation).
						if (direct.trainMse === 0) expect(fast.trainMse, `train error, ${where}`).toBe(0);
						else expect(relative(fast.trainMse, direct.trainMse), `train error, ${where}`).toBeLessThan(1e-6);
						expect(relative(quadraticAt(at.test, noise), testErrorAt(pieces, truth, noise))).toBeLessThan(1e-9);
					}
				}
			});
		}
	}

	it('an interpolating minimum-norm fit has train error exactly 0, and a ridge fit does not', () => {
		const { fit, clean, unit, truth } = fitOf('relu', 80);
		const forms = labelForms(fit, clean, unit, truth);
		expect(summaryAt(forms, formsAt(forms, 0), 0.3).trainMse).toBe(0);
		expect(summaryAt(forms, formsAt(forms, 0.01), 0.3).trainMse).toBeGreaterThan(0);
	});
});
