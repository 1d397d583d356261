/**
 * Which scripts a prerendered lab page links, so the browser has them before its route asks.
 *
 * SvelteKit preloads what a route imports statically. A lab's page imports the rest in steps:
 * its route's `load` imports the lab's declaration, then the article, the controller and the hero
 * figure that the declaration names, and each step's chunks are requested only once the step
 * before has run. In a Chromium trace of the vanishing-gradients page the second and third steps
 * began 0.3 and 0.35 s after the first script ran, and hydration waited on them. The build knows
 * every step's chunks already: preloaded, they are on their way before the route asks.
 */
import type { ComponentLoader, ControllerLoader, Lab } from '../src/lib/labs/types';
import type { ModuleChunks } from './vite/moduleChunks';

/** SvelteKit's root error page: its client starts loading it on every page, whether it shows or not. */
export const ERROR_NODE = '.svelte-kit/generated/client-optimized/nodes/1.js';

type Loader = ComponentLoader | ControllerLoader;

/**
 * The source file a lab's lazy loader imports (`() => import('./X.svelte')` in `labs/<slug>/lab.ts`),
 * relative to the project root, as `modules` names it. The loader's text is read as tsx leaves it
 * (`./X.svelte`) or as Vite's module runner does (`/labs/<slug>/X.svelte.ts`, under vitest).
 * Throws when the text names no file of the lab's folder, or one the client build did not
 * bundle: a page would otherwise lose its preloads without a word.
 */
export function loadedSource(loader: Loader, slug: string, modules: ModuleChunks['modules']): string {
	const specifier = /import_*\(\s*["'`]([^"'`]+)["'`]/.exec(String(loader))?.[1] ?? '';
	const folder = `labs/${slug}/`;
	const base = specifier.startsWith('./') ? folder + specifier.slice(2) : specifier.startsWith(`/${folder}`) ? specifier.slice(1) : null;
	if (!base) throw new Error(`${slug}: a loader imports no file of ${folder}: ${String(loader).slice(0, 120)}`);
	const found = [base, `${base}.ts`, `${base}.js`].find((path) => path in modules);
	if (!found) throw new Error(`${slug}: ${base} is not in the client build`);
	return found;
}

/** A page of a lab: its article, its presentation, all its embeddable figures, or one of them. */
export type LabPage = 'lab' | 'present' | 'embeds' | { figure: string };

/** The source modules each kind of lab page's `load` imports (see the routes' +page.ts). */
export function pageSources(lab: Lab, page: LabPage, modules: ModuleChunks['modules']): string[] {
	const source = (loader: Loader) => loadedSource(loader, lab.slug, modules);
	const figure = (id: string) => {
		const found = lab.figures.find((f) => f.id === id);
		if (!found) throw new Error(`${lab.slug} has no figure ${id}`);
		return source(found.component);
	};
	const shared = [`labs/${lab.slug}/lab.ts`, ERROR_NODE, source(lab.controller)];
	if (page === 'lab') return [...shared, source(lab.article), ...(lab.hero ? [figure(lab.hero)] : [])];
	if (page === 'present') {
		const shown = new Set([...lab.scenes.flatMap((scene) => scene.figures), ...lab.checkpoints.map((card) => card.figure)]);
		return [...shared, ...[...shown].map(figure), ...Object.values(lab.derivations).map(source)];
	}
	if (page === 'embeds') return [...shared, ...lab.figures.map((f) => source(f.component))];
	return [...shared, figure(page.figure)];
}

/**
 * The chunks that hold `sources`, and the chunks `seeds` (files already linked), with every chunk
 * they import statically, in a stable order. The seeds matter: SvelteKit's own links leave out
 * some static imports of the route's chunk (the vanishing-gradients page lacked the one holding
 * the controls), and those too were fetched only once the route's chunk had run.
 */
export function chunkClosure(sources: readonly string[], chunks: ModuleChunks, seeds: readonly string[] = []): string[] {
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		for (const next of chunks.imports[file] ?? []) visit(next);
	};
	for (const source of sources) {
		const file = chunks.modules[source];
		if (!file) throw new Error(`${source} is not in the client build`);
		visit(file);
	}
	for (const file of seeds) visit(file);
	return [...seen];
}

const PRELOAD = /<link href="([^"]+)" rel="modulepreload">/g;

/** The build-relative files `html` links with modulepreload (SvelteKit's and any added before). */
export function preloadedFiles(html: string): string[] {
	return [...html.matchAll(PRELOAD)].map((match) => match[1].replace(/^\//, ''));
}

/**
 * `html` with a modulepreload link for each of `files` (build-relative chunk paths) that it does
 * not link yet, at the end of its body. In the head they cost the first paint, which for most
 * readers is the figure: the browser fetched and compiled the 50-odd scripts while it parsed the
 * page, and the optimizers page's first contentful paint went from 0.86 to 1.18 s (median of 9,
 * scripts/bench/compareBuilds.ts). At the end of the body the first paint keeps its time (within
 * this machine's noise) and the first figure still draws sooner: see the README.
 */
export function withPreloads(html: string, files: readonly string[]): { html: string; added: number } {
	const linked = new Set(preloadedFiles(html));
	const links = files.filter((file) => !linked.has(file)).map((file) => `/${file}`);
	const at = html.lastIndexOf('</body>');
	if (links.length === 0 || at < 0) return { html, added: 0 };
	return { html: html.slice(0, at) + links.map((href) => `<link href="${href}" rel="modulepreload">`).join('') + html.slice(at), added: links.length };
}
