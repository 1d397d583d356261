/** Pure maths of the vanishing-gradients lab: init scales, sampling, erf, variance prediction. */
import { describe, expect, it } from 'vitest';
import { initStd, sampleMlpWeights } from './init';
import { erf } from '$lib/normal';
import { SCALAR_ACTIVATIONS } from './activations';
import { gaussianExpectation, theoreticalVariance } from './variance';
import { mlpInputNames } from './model';

describe('init', () => {
	it('gives the textbook standard deviations', () => {
		expect(initStd('normal1', 64, 64, 0.3)).toBe(1);
		expect(initStd('small', 64, 64, 0.3)).toBe(0.01);
		expect(initStd('xavier', 64, 64, 0.3)).toBeCloseTo(Math.sqrt(1 / 64), 12);
		expect(initStd('he', 64, 32, 0.3)).toBeCloseTo(Math.sqrt(2 / 64), 12);
		expect(initStd('custom', 64, 64, 0.3)).toBe(0.3);
	});

	it('samples deterministically, aligned with the graph inputs, and rescales the same draws', () => {
		const opts = { depth: 4, width: 8, batch: 5, seed: 11, sigma: 1 };
		const he = sampleMlpWeights({ ...opts, init: 'he' });
		const again = sampleMlpWeights({ ...opts, init: 'he' });
		const small = sampleMlpWeights({ ...opts, init: 'small' });
		expect(he.tensors.length).toBe(mlpInputNames(4).length);
		expect(he.dims[0]).toEqual([5, 8]);
		expect(he.dims[2]).toEqual([8, 8]);
		expect(he.dims.at(-1)).toEqual([8, 1]);
		expect(he.tensors).toEqual(again.tensors);
		const ratio = initStd('he', 8, 8, 1) / 0.01;
		he.weights[0].forEach((v, i) => expect(v).toBeCloseTo(ratio * small.weights[0][i], 5));
		expect(Array.from(he.weights[1])).toEqual(new Array(8).fill(0)); // b1
		expect(small.x).toBe(he.x); // the batch does not depend on the init
		const other = sampleMlpWeights({ ...opts, seed: 12, init: 'he' });
		expect(other.x[0]).not.toBe(he.x[0]);
		// Layer l's weights do not depend on the depth chosen.
		const deeper = sampleMlpWeights({ ...opts, depth: 6, init: 'he' });
		expect(deeper.weights[2]).toEqual(he.weights[2]);
	});
});

describe('activations and the variance prediction', () => {
	it('erf matches known values', () => {
		expect(erf(0)).toBe(0);
		expect(erf(1)).toBeCloseTo(0.8427007929497149, 14);
		expect(erf(-2)).toBeCloseTo(-0.9953222650189527, 14);
		expect(erf(3)).toBeCloseTo(0.9999779095030014, 14);
	});

	it('derivatives match central differences', () => {
		for (const [name, { f, df }] of Object.entries(SCALAR_ACTIVATIONS))
			for (const z of [-2.3, -0.4, 0.7, 1.9]) {
				const fd = (f(z + 1e-6) - f(z - 1e-6)) / 2e-6;
				expect(df(z), name).toBeCloseTo(fd, 7);
			}
	});

	it('Gaussian expectations are exact on known moments', () => {
		expect(gaussianExpectation((z) => z * z, 2.5)).toBeCloseTo(2.5, 10);
		expect(gaussianExpectation((z) => SCALAR_ACTIVATIONS.relu.f(z) ** 2, 3)).toBeCloseTo(1.5, 10);
	});

	it('predicts constant Var(h) = 1 - 1/π for ReLU + He, and decay for tanh + small init', () => {
		const he = theoreticalVariance({ act: 'relu', depth: 20, width: 64, weightStd: Math.sqrt(2 / 64), residual: false, norm: false });
		for (const v of he.hidden) expect(v).toBeCloseTo(1 - 1 / Math.PI, 8);
		const tanh = theoreticalVariance({ act: 'tanh', depth: 5, width: 64, weightStd: 0.01, residual: false, norm: false });
		expect(tanh.hidden[4]).toBeLessThan(1e-10);
		const normal1 = theoreticalVariance({ act: 'relu', depth: 20, width: 64, weightStd: 1, residual: false, norm: false });
		expect(normal1.hidden[19] / normal1.hidden[0]).toBeCloseTo(32 ** 19, -20);
	});
});
