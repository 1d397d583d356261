/**
 * Figure numbers come from the declaration order in lab.ts, so that order must be the order the
 * article shows them in; text that names a figure gets its number from the same place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figureNumber, figureRefs, withoutFigureRefs } from '$lib/labs/figureNumbers';
import { liveLabs } from '$lib/labs/registry';

const figures = [{ id: 'curve' }, { id: 'norm' }, { id: 'knobs' }] as const;

describe('figureNumber and figureRefs', () => {
	it('numbers figures from 1 in declaration order', () => {
		expect(figureNumber(figures, 'curve')).toBe(1);
		expect(figureNumber(figures, 'knobs')).toBe(3);
		expect(() => figureNumber(figures, 'missing')).toThrow(/No figure called “missing”/);
	});

	it('names one figure or several in running text', () => {
		const ref = figureRefs(figures);
		expect(ref('norm')).toBe('figure 2');
		expect(ref('curve', 'knobs')).toBe('figures 1 and 3');
		expect(ref('curve', 'norm', 'knobs')).toBe('figures 1, 2 and 3');
	});
});

/** Source text without its comments: HTML ones, and block or line comments that start a line. */
const withoutComments = (source: string) =>
	source.replace(/<!--[\s\S]*?-->/g, '').replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');

/** The figure ids of a lab.ts in written order, each with the component file it loads. */
function declaredComponents(slug: string): { id: string; file: string }[] {
	const source = readFileSync(`labs/${slug}/lab.ts`, 'utf8');
	const found = [...source.matchAll(/(?:article|embeddable)Figure\(\s*'([^']+)'[\s\S]*?import\('\.\/(\w+)\.svelte'\)/g)];
	return found.map(([, id, file]) => ({ id, file }));
}

/** The figure components an article places, in the order they appear. */
function placedComponents(slug: string): string[] {
	const article = readFileSync(`labs/${slug}/index.svx`, 'utf8');
	const imports = new Map([...article.matchAll(/import (\w+) from '\.\/(\w+)\.svelte'/g)].map(([, name, file]) => [name, file]));
	return [...article.matchAll(/^<(\w+)\s*\/>/gm)].map(([, name]) => imports.get(name) ?? name).filter((file) => file.endsWith('Figure'));
}

describe.each(liveLabs.map((lab) => [lab.slug, lab] as const))('%s', (slug, lab) => {
	it('places its figures in declaration order, so "Figure N" counts down the page', () => {
		const declared = declaredComponents(slug);
		expect(declared.map((d) => d.id)).toEqual(lab.figures.map((f) => f.id));
		// The page places the hero under the title, above the article: it must be figure 1.
		const [hero, ...rest] = declared;
		if (lab.hero) expect(hero.id).toBe(lab.hero);
		expect(placedComponents(slug)).toEqual((lab.hero ? rest : declared).map((d) => d.file));
	});

	it('types no figure number by hand in its declaration, components or article', () => {
		const dir = `labs/${slug}`;
		const files = readdirSync(dir).filter((f) => /^lab\.ts$|\.svelte$|\.svx$/.test(f));
		for (const file of files) {
			// Comments may say "figure 3" for the programmer; what readers see may not.
			const text = withoutComments(readFileSync(`${dir}/${file}`, 'utf8'));
			const typed = [...text.matchAll(/.{0,30}\bfig(?:ure)?s?\.? \d.{0,10}/gi)].map((m) => m[0]);
			expect(typed, `${dir}/${file}`).toEqual([]);
		}
	});
});

describe('withoutFigureRefs (control labels in an embed)', () => {
	it('drops a parenthesis that points at figures by number, and nothing else', () => {
		expect(withoutFigureRefs('Loss graph (figure 4)')).toBe('Loss graph');
		expect(withoutFigureRefs('Nodes revealed (figure 1, figure 2)')).toBe('Nodes revealed');
		expect(withoutFigureRefs('Schedule (drawn bold in figure 3)')).toBe('Schedule');
		expect(withoutFigureRefs('Steps (figures 2 and 3)')).toBe('Steps');
		expect(withoutFigureRefs('Query position (last when past the end)')).toBe('Query position (last when past the end)');
		expect(withoutFigureRefs('Depth (hidden layers)')).toBe('Depth (hidden layers)');
	});
});
