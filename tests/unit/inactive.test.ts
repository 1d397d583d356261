/** The platform side of inactive controls and of controls drawn inside figures. */
import { describe, expect, it } from 'vitest';
import { defineLab, type LabDeclaration } from '$lib/labs/defineLab';
import { inactiveReasons, runsByReason } from '$lib/labs/inactive';
import { panelKeys } from '$lib/labs/panel';
import type { Schema } from '$lib/state/schema';

const schema = {
	init: { kind: 'enum', label: 'Init', options: [{ value: 'xavier', label: 'Xavier' }, { value: 'custom', label: 'custom' }], default: 'xavier' },
	sigma: { kind: 'number', label: 'σ', min: 0.01, max: 3, default: 1 },
	depth: { kind: 'int', label: 'Depth', min: 1, max: 50, default: 20 }
} satisfies Schema;

const noComponent = async () => ({ default: (() => {}) as never });

const declaration = (): LabDeclaration<typeof schema> => ({
	slug: 'probe',
	title: 'Probe',
	summary: 'A declaration for this test.',
	questions: [],
	schema,
	scenes: [],
	figures: [{ id: 'norms', title: 'Norms', embeddable: false, component: noComponent }],
	bench: { key: 'depth', values: [21, 20] },
	inactive: { sigma: (s) => (s.init === 'custom' ? null : 'Xavier sets σ.') },
	article: noComponent,
	controller: async () => {
		throw new Error('not loaded in this test');
	}
});

describe('inactiveReasons', () => {
	it('asks each rule about the state; controls without a rule act', () => {
		const lab = defineLab(declaration());
		const keys = ['init', 'sigma', 'depth'];
		expect(inactiveReasons(lab.inactive, { init: 'xavier', sigma: 1, depth: 20 }, keys)).toEqual({ init: null, sigma: 'Xavier sets σ.', depth: null });
		expect(inactiveReasons(lab.inactive, { init: 'custom', sigma: 1, depth: 20 }, keys)).toEqual({ init: null, sigma: null, depth: null });
	});
});

describe('runsByReason', () => {
	it('groups neighbours that share a reason, and keeps every active control on its own', () => {
		const reasons: Record<string, string | null> = { a: null, b: null, k0: 'custom only', k1: 'custom only', c: 'other', d: 'custom only' };
		const runs = runsByReason(Object.keys(reasons), (k) => reasons[k]);
		expect(runs).toEqual([
			{ reason: null, items: ['a'] },
			{ reason: null, items: ['b'] },
			{ reason: 'custom only', items: ['k0', 'k1'] },
			{ reason: 'other', items: ['c'] },
			{ reason: 'custom only', items: ['d'] }
		]);
	});
});

describe('defineLab: inactive rules and controls drawn in figures', () => {
	it('fills in empty rules and an empty drawnIn when a lab declares none', () => {
		const { inactive: _, ...bare } = declaration();
		const lab = defineLab(bare);
		expect(lab.inactive).toEqual({});
		expect(lab.drawnIn).toEqual({});
		expect(panelKeys(lab)).toEqual(['init', 'sigma', 'depth']);
	});

	it('leaves the controls a figure draws out of the panel', () => {
		const lab = defineLab({ ...declaration(), drawnIn: { depth: 'norms' } });
		expect(panelKeys(lab)).toEqual(['init', 'sigma']);
	});

	it('throws on a rule for a missing control or a control drawn in a missing figure', () => {
		const base = declaration();
		expect(() => defineLab({ ...base, drawnIn: { depth: 'nowhere' } })).toThrow(/depth is drawn in nowhere/);
		// @ts-expect-error -- not a control of this schema
		expect(() => defineLab({ ...base, inactive: { width: () => 'never' } })).toThrow(/names width/);
	});
});
