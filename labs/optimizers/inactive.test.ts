/** Which controls act, against the model: a control the rule calls inactive changes no number. */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { coefficients, type Hyper } from './optimizersList';
import { optimizers, schema, type OptimizersState } from './lab';

const state = (patch: Partial<OptimizersState>): OptimizersState => ({ ...defaults(schema), ...patch });
const reason = (key: keyof typeof optimizers.inactive, patch: Partial<OptimizersState>) => optimizers.inactive[key]!(state(patch));
const h: Hyper = { lr: 0.1, alr: 0.01, beta: 0.9, beta2: 0.999, wd: 0.01 };

describe('optimizers: inactive controls', () => {
	it('the rates, β, β₂ and λ act exactly when some chosen optimizer’s coefficients use them', () => {
		const cases: [keyof typeof optimizers.inactive, keyof Hyper][] = [
			['lr', 'lr'],
			['alr', 'alr'],
			['beta', 'beta'],
			['beta2', 'beta2'],
			['wd', 'wd']
		];
		for (const kind of ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw'] as const)
			for (const [key, field] of cases) {
				const moved = [1, 2, 5].some((t) => coefficients(kind, h, t).join() !== coefficients(kind, { ...h, [field]: h[field] * 0.5 }, t).join());
				expect(reason(key, { opts: kind }) === null, `${key} for ${kind}`).toBe(moved);
			}
	});

	it('rotation only on the quadratic; the seed only with noise', () => {
		expect(reason('rot', { surface: 'quad' })).toBeNull();
		expect(reason('rot', { surface: 'saddle' })).toMatch(/Only the quadratic/);
		expect(reason('seed', { noise: 0 })).toMatch(/noise/);
		expect(reason('seed', { noise: 0.1 })).toBeNull();
	});
});
