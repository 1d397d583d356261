/**
 * defineLab checks a declaration against its own schema: at compile time (the `@ts-expect-error`
 * lines fail `npm run check` if a mistake stops being an error) and at load time (scenes that
 * name undeclared figures or derivations throw).
 */
import { describe, expect, it } from 'vitest';
import { defineLab, type LabDeclaration } from '$lib/labs/defineLab';
import { liveLabs } from '$lib/labs/registry';
import { parsePatch, type Schema } from '$lib/state/schema';

const schema = {
	depth: { kind: 'int', label: 'Depth', min: 1, max: 50, default: 20 },
	residual: { kind: 'bool', label: 'Residual', default: false }
} satisfies Schema;

const noComponent = async () => ({ default: (() => {}) as never });

function declaration(): LabDeclaration<typeof schema> {
	return {
		slug: 'probe',
		title: 'Probe',
		summary: 'A declaration for this test.',
		questions: [],
		schema,
		scenes: [{ id: 'deep', title: 'Deep', caption: 'Deep.', state: { depth: 40 }, figures: ['norms'] }],
		figures: [{ id: 'norms', title: 'Norms', embeddable: true, component: noComponent, controls: ['depth'] }],
		bench: { key: 'depth', values: [21, 20] },
		article: noComponent,
		controller: async () => {
			throw new Error('not loaded in this test');
		}
	};
}

describe('defineLab', () => {
	it('returns the declaration with its derivations filled in', () => {
		const lab = defineLab(declaration());
		expect(lab.slug).toBe('probe');
		expect(lab.figures.map((f) => f.id)).toEqual(['norms']);
		expect(lab.derivations).toEqual({});
	});

	it('throws when a scene names a figure or derivation the lab does not declare, or shows no figure', () => {
		const base = declaration();
		expect(() => defineLab({ ...base, scenes: [{ ...base.scenes[0], figures: ['missing'] }] })).toThrow(/no figure called missing/);
		expect(() => defineLab({ ...base, scenes: [{ ...base.scenes[0], derivation: 'proof' }] })).toThrow(/no derivation called proof/);
		expect(() => defineLab({ ...base, scenes: [{ ...base.scenes[0], figures: [] }] })).toThrow(/shows at least one figure/);
		expect(() => defineLab({ ...base, figures: [base.figures[0], base.figures[0]] })).toThrow(/share an id/);
		expect(() => defineLab({ ...base, hero: 'missing' })).toThrow(/hero missing is not a declared figure/);
		expect(defineLab({ ...base, hero: 'norms' }).hero).toBe('norms');
	});

	// A type-level test: svelte-check (npm run check) fails if one of these stops being an error.
	it('types scene states, figure controls and the bench key by the schema', () => {
		const base = declaration();
		// @ts-expect-error: `width` is not a control of this schema
		defineLab({ ...base, figures: [{ ...base.figures[0], controls: ['width'] }] });
		// @ts-expect-error: `residual` holds a boolean
		defineLab({ ...base, scenes: [{ ...base.scenes[0], state: { residual: 3 } }] });
		// @ts-expect-error: the bench moves a control of this schema
		defineLab({ ...base, bench: { key: 'width', values: [1, 2] } });
	});

	it('every live lab declares a bench control of its own schema, and unique slugs', () => {
		for (const lab of liveLabs) expect(Object.keys(lab.schema), lab.slug).toContain(lab.bench.key);
		expect(new Set(liveLabs.map((l) => l.slug)).size).toBe(liveLabs.length);
	});

	it("every bench value is one the control takes as it is, and the two differ (double descent's once were log10 positions, NaN on the slider)", () => {
		for (const lab of liveLabs) {
			const [a, b] = lab.bench.values;
			expect(a, lab.slug).not.toBe(b);
			for (const value of lab.bench.values) expect(parsePatch(lab.schema, { [lab.bench.key]: value }).errors, `${lab.slug}: ${value}`).toEqual([]);
		}
	});
});
