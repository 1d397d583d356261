/**
 * The test hook (`window.__vlab.setState`) ships with the site, so a patch from it goes through
 * the URL's rules: unknown keys, wrong types and values the URL would adjust are refused.
 */
import { describe, expect, it } from 'vitest';
import { parsePatch } from '$lib/state/schema';
import { LabController } from '$lib/state/labController.svelte';
import { schema } from '$labs/vanishing-gradients/lab';

describe('parsePatch', () => {
	it('accepts valid values of every kind', () => {
		const { patch, errors } = parsePatch(schema, { depth: 7, act: 'relu', residual: true, sigma: 0.5 });
		expect(errors).toEqual([]);
		expect(patch).toEqual({ depth: 7, act: 'relu', residual: true, sigma: 0.5 });
	});

	it('refuses keys the lab does not have, including inherited ones', () => {
		const { patch, errors } = parsePatch(schema, { banana: 1, toString: 'x', ['__proto__']: 3 });
		expect(patch).toEqual({});
		expect(errors).toHaveLength(3);
		expect(errors[0]).toContain('banana');
		expect(Object.getPrototypeOf(patch)).toBe(Object.prototype);
	});

	it('refuses wrong types and values the URL would clamp, round or replace', () => {
		const { patch, errors } = parsePatch(schema, {
			depth: 999,
			width: 8.5,
			act: 'banana',
			residual: 'yes',
			sigma: Number.NaN,
			seed: '3'
		});
		expect(patch).toEqual({});
		expect(errors).toHaveLength(6);
		expect(errors.join(' ')).toMatch(/depth=999.*clamped/);
	});
});

describe('LabController.setChecked', () => {
	it('applies a valid patch and refuses a bad one whole, leaving the state as it was', () => {
		const controller = new LabController(schema, async () => null);
		controller.setChecked({ depth: 9 });
		expect(controller.state.depth).toBe(9);
		expect(() => controller.setChecked({ depth: 10, act: 'banana' })).toThrow(/act=banana/);
		expect(controller.state.depth).toBe(9);
		expect(controller.state.act).toBe(schema.act.default);
		expect(() => controller.setChecked({ polluted: true })).toThrow(/not a setting/);
		expect('polluted' in controller.state).toBe(false);
	});
});
