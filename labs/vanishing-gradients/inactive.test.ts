/** σ only acts under the custom init: every other init sets its own standard deviation. */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { initStd } from './init';
import { schema, vanishingGradients } from './lab';

const sigmaReason = (init: string) => vanishingGradients.inactive.sigma({ ...defaults(schema), init });

describe('vanishing gradients: the σ control', () => {
	it('is inactive under Xavier, He, N(0, 1) and N(0, 0.01²), with the reason', () => {
		expect(sigmaReason('xavier')).toMatch(/^Xavier sets σ from the layer width/);
		expect(sigmaReason('he')).toMatch(/^He sets σ from the layer width/);
		expect(sigmaReason('normal1')).toMatch(/fixes σ = 1\./);
		expect(sigmaReason('small')).toMatch(/fixes σ = 0\.01\./);
	});

	it('acts under the custom init', () => {
		expect(sigmaReason('custom')).toBeNull();
	});

	it('agrees with the model: σ moves the weights exactly when the rule says it acts', () => {
		for (const init of ['xavier', 'he', 'normal1', 'small', 'custom'] as const) {
			const moves = initStd(init, 64, 64, 0.3) !== initStd(init, 64, 64, 2);
			expect(moves, init).toBe(sigmaReason(init) === null);
		}
	});

	it('says what the fixed inits use, matching initStd', () => {
		expect(initStd('normal1', 64, 64, 0.3)).toBe(1);
		expect(initStd('small', 64, 64, 0.3)).toBe(0.01);
		expect(initStd('he', 64, 64, 0.3) ** 2).toBeCloseTo(2 / 64, 12);
		expect(initStd('xavier', 64, 32, 0.3) ** 2).toBeCloseTo(2 / (64 + 32), 12);
	});
});
