import { describe, expect, test } from 'vitest';
import { liveLabs } from '$lib/labs/registry';
import { chunkClosure, ERROR_NODE, loadedSource, pageSources, preloadedFiles, withPreloads } from '../../scripts/modulePreloads';
import type { ModuleChunks } from '../../scripts/vite/moduleChunks';

const CHUNKS: ModuleChunks = {
	modules: { 'labs/x/lab.ts': 'c/lab.js', 'labs/x/index.svx': 'c/article.js', 'labs/x/Hero.svelte': 'c/hero.js' },
	imports: { 'c/lab.js': ['c/declare.js'], 'c/article.js': ['c/figure.js', 'c/declare.js'], 'c/figure.js': ['c/d3.js'], 'c/hero.js': ['c/figure.js'] }
};

const PAGE = [
	'<head>',
	'\t\t<link href="/start.js" rel="modulepreload">',
	'\t\t<link href="/c/declare.js" rel="modulepreload">',
	'\t\t<link href="/a.css" rel="stylesheet">',
	'</head>',
	'<body><div>…</div></body>'
].join('\n');

describe('chunkClosure', () => {
	test('follows static imports to the end, each chunk once', () => {
		expect(chunkClosure(['labs/x/index.svx', 'labs/x/Hero.svelte'], CHUNKS)).toEqual(['c/article.js', 'c/figure.js', 'c/d3.js', 'c/declare.js', 'c/hero.js']);
	});

	test('completes what the page already links: a linked chunk brings the chunks it imports', () => {
		expect(chunkClosure(['labs/x/lab.ts'], CHUNKS, preloadedFiles(PAGE))).toEqual(['c/lab.js', 'c/declare.js', 'start.js']);
		expect(chunkClosure([], CHUNKS, ['c/article.js'])).toEqual(['c/article.js', 'c/figure.js', 'c/d3.js', 'c/declare.js']);
	});

	test('a source the build did not bundle is an error, not a page without its preloads', () => {
		expect(() => chunkClosure(['labs/x/Gone.svelte'], CHUNKS)).toThrow(/not in the client build/);
	});
});

describe('withPreloads', () => {
	test('links what the page does not link yet, at the end of its body (after what its first paint needs)', () => {
		const { html, added } = withPreloads(PAGE, ['c/lab.js', 'c/declare.js']);
		expect(added).toBe(1);
		expect(html.split('\n').at(-1)).toBe('<body><div>…</div><link href="/c/lab.js" rel="modulepreload"></body>');
		expect(html.split('\n').slice(0, -1).join('\n')).toBe(PAGE.split('\n').slice(0, -1).join('\n'));
	});

	test('is idempotent: a second pass adds nothing', () => {
		const once = withPreloads(PAGE, ['c/lab.js']).html;
		expect(withPreloads(once, ['c/lab.js'])).toEqual({ html: once, added: 0 });
	});
});

describe('the sources a lab page imports in steps', () => {
	const lab = liveLabs.find((l) => l.slug === 'vanishing-gradients')!;
	const folder = 'labs/vanishing-gradients/';
	const bundled = ['lab.ts', 'index.svx', 'controller.svelte.ts', 'GradientNormsFigure.svelte', 'ActivationsFigure.svelte', 'DerivativeFigure.svelte', 'VarianceFigure.svelte', 'TrainingFigure.svelte', 'VarianceDerivation.svx'];
	const modules = Object.fromEntries([...bundled.map((file) => [folder + file, 'c.js']), [ERROR_NODE, 'e.js']]);

	test('the article page: the declaration, the error page SvelteKit loads anyway, the controller, the article and the hero', () => {
		expect(lab.hero).toBe('gradient-norms');
		expect(pageSources(lab, 'lab', modules)).toEqual([`${folder}lab.ts`, ERROR_NODE, `${folder}controller.svelte.ts`, `${folder}index.svx`, `${folder}GradientNormsFigure.svelte`]);
	});

	test('an embed: its one figure, not the article', () => {
		expect(pageSources(lab, { figure: 'activations' }, modules)).toEqual([`${folder}lab.ts`, ERROR_NODE, `${folder}controller.svelte.ts`, `${folder}ActivationsFigure.svelte`]);
	});

	test('a loader whose file the build lacks, or that names no file of the lab, throws', () => {
		const { [`${folder}GradientNormsFigure.svelte`]: _hero, ...withoutHero } = modules;
		expect(() => pageSources(lab, 'lab', withoutHero)).toThrow(/GradientNormsFigure.svelte is not in the client build/);
		expect(() => loadedSource(() => import('$lib/labs/registry') as never, 'vanishing-gradients', modules)).toThrow(/imports no file of labs\/vanishing-gradients/);
	});
});
