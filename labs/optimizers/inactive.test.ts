/** Which controls act, against the model: a control the rule calls inactive changes no number. */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { coefficients, type Hyper } from './optimizersList';
import { optimizers, schema, type OptimizersState } from './lab';
import { decaySettings } from './decay';

const state = (patch: Partial<OptimizersState>): OptimizersState => ({ ...defaults(schema), ...patch });
const reason = (key: keyof typeof optimizers.inactive, patch: Partial<OptimizersState>) => optimizers.inactive[key]!(state(patch));
const h: Hyper = { lr: 0.1, alr: 0.01, beta: 0.9, beta2: 0.999, wd: 0.01 };

describe('optimizers: inactive controls', () => {
	it('the rate η, β and β₂ act exactly when some chosen optimizer’s coefficients use them', () => {
		const cases: [keyof typeof optimizers.inactive, keyof Hyper][] = [
			['lr', 'lr'],
			['beta', 'beta'],
			['beta2', 'beta2']
		];
		for (const kind of ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw'] as const)
			for (const [key, field] of cases) {
				const moved = [1, 2, 5].some((t) => coefficients(kind, h, t).join() !== coefficients(kind, { ...h, [field]: h[field] * 0.5 }, t).join());
				expect(reason(key, { opts: kind }) === null, `${key} for ${kind}`).toBe(moved);
			}
	});

	it('the adaptive rate and λ always act: figure 6 trains Adam + L2 and AdamW with them, whatever the chosen optimizers', () => {
		for (const kind of ['sgd', 'momentum', 'adam', 'adamw'] as const) {
			expect(optimizers.inactive.alr).toBeUndefined();
			expect(optimizers.inactive.wd).toBeUndefined();
			expect(decaySettings(state({ opts: kind, alr: 0.003, wd: 0.05 }))).toEqual({ lr: 0.003, wd: 0.05 });
		}
		expect(decaySettings(state({ alr: 0 })).lr).toBe(0.01);
	});

	it('rotation only on the quadratic; the seed always acts (figure 5 draws its mini-batches with it, noise or not)', () => {
		expect(reason('rot', { surface: 'quad' })).toBeNull();
		expect(reason('rot', { surface: 'saddle' })).toMatch(/Only the quadratic/);
		expect(optimizers.inactive.seed).toBeUndefined();
	});
});
