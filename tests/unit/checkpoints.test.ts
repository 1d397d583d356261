/**
 * Every live lab has at least three checkpoints; each card has its code (same id), its figure is
 * declared, and its `<Checkpoint id>` sits in the article before that figure (or, for the hero,
 * anywhere: the page places the hero above the article). Answer parsing and display.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { liveLabs } from '$lib/labs/registry';
import { parseNumber, showAnswer } from '$lib/practice/answers';

describe('checkpoints in every lab', () => {
	for (const lab of liveLabs) {
		it(`${lab.slug}: ≥ 3 checkpoints, each with its code and placed before its figure`, async () => {
			expect(lab.checkpoints.length).toBeGreaterThanOrEqual(3);
			const code = (await lab.loadCheckpoints!()).default;
			expect(new Set(code.map((c) => c.id))).toEqual(new Set(lab.checkpoints.map((c) => c.id)));
			const article = readFileSync(new URL(`../../labs/${lab.slug}/index.svx`, import.meta.url), 'utf8');
			for (const card of lab.checkpoints) {
				const at = article.indexOf(`<Checkpoint id="${card.id}" />`);
				expect(at, `${card.id} is placed in the article`).toBeGreaterThanOrEqual(0);
				if (card.figure !== lab.hero) {
					const figure = lab.figures.find((f) => f.id === card.figure)!;
					const component = /\/(\w+)\.svelte/.exec(figure.component.toString())?.[1];
					expect(component, `${card.figure}'s component`).toBeDefined();
					expect(article.indexOf(`<${component} />`), `${card.id} comes before its figure`).toBeGreaterThan(at);
				}
				if (card.derivation) expect(article, `${card.id}'s derivation anchor`).toContain(`id="${card.derivation}"`);
			}
		});
	}
});

describe('answers', () => {
	it('reads typed numbers in every usual notation', () => {
		expect(parseNumber('1e-9')).toBe(1e-9);
		expect(parseNumber('10^-9')).toBeCloseTo(1e-9, 20);
		expect(parseNumber('10⁻⁹')).toBeCloseTo(1e-9, 20);
		expect(parseNumber('3×10^-2')).toBeCloseTo(0.03, 12);
		expect(parseNumber('−2.5')).toBe(-2.5);
		expect(parseNumber('.5')).toBe(0.5);
		expect(parseNumber('abc')).toBeNull();
		expect(parseNumber('')).toBeNull();
	});

	it('shows answers as a reader reads them', () => {
		expect(showAnswer({ kind: 'choice', options: [{ id: 'he', label: 'He' }] }, { kind: 'choice', id: 'he' })).toBe('He');
		expect(showAnswer({ kind: 'number', scale: 'log', tolerance: 10 }, { kind: 'number', value: 2e-9 })).toBe('2×10⁻⁹');
		const cells = { kind: 'cells' as const, rows: 2, cols: 2, rowLabels: ['layer 1', 'layer 2'], colLabels: ['head 1', 'head 2'] };
		expect(showAnswer(cells, { kind: 'cells', cells: ['1,0', '0,1'] })).toBe('layer 1, head 2; layer 2, head 1');
		expect(showAnswer(cells, { kind: 'cells', cells: [] })).toBe('none');
	});
});
