/** Activation calibration against direct computations on a heavy-tailed sample. */
import { describe, expect, it } from 'vitest';
import { calibrate } from './calibrate';
import { fakeQuant, type Grid } from './quantizer';

// Mostly small values and a few large ones, as after a LayerNorm with an outlier channel.
const x = Float64Array.from({ length: 5000 }, (_, i) => (i % 500 === 0 ? 20 : 1) * Math.sin(i * 7.31));
const sqErr = (g: Grid) => x.reduce((e, v) => e + (v - fakeQuant(v, g)) ** 2, 0);
const top = Math.max(...x.map(Math.abs));

describe('activation calibration', () => {
	it('min-max covers the largest value', () => {
		const g = calibrate(x, 4, 'sym', 'minmax', 99.9);
		expect(g.scale * g.qmax).toBeCloseTo(top, 9);
	});
	it('percentile clips at the p-th |x| (sym)', () => {
		const g = calibrate(x, 4, 'sym', 'pct', 99);
		const sorted = Float64Array.from(x, Math.abs).sort();
		const below = sorted.filter((v) => v <= g.scale * g.qmax + 1e-12).length;
		expect(below / x.length).toBeGreaterThanOrEqual(0.99);
		expect(g.scale * g.qmax).toBeLessThan(top / 2);
	});
	it('least MSE is no worse than min-max and beats it on heavy tails at 4 bits', () => {
		for (const scheme of ['sym', 'asym'] as const) {
			const mse = sqErr(calibrate(x, 4, scheme, 'mse', 99.9));
			const minmax = sqErr(calibrate(x, 4, scheme, 'minmax', 99.9));
			expect(mse).toBeLessThan(minmax / 2);
		}
	});
});
