import { describe, expect, test } from 'vitest';
import { preloadLists } from '../../scripts/vite/preloadLists';

/** A bundle's chunk as the plugin reads it: its file, name, static imports and whether an entry. */
const chunk = (fileName: string, imports: string[], name = fileName, isEntry = false) => ({ type: 'chunk', fileName, name, imports, isEntry });

/**
 * SvelteKit's two entries import the runtime; a lab node imports the runtime and ui.js, and
 * dynamically imports figure.js, which needs ui.js, d3.js and the runtime.
 */
const bundle = Object.fromEntries(
	[
		chunk('entry/start.js', ['runtime.js'], 'entry/start', true),
		chunk('entry/app.js', ['runtime.js'], 'entry/app', true),
		chunk('nodes/7.js', ['runtime.js', 'ui.js'], 'nodes/7', true),
		chunk('runtime.js', []),
		chunk('ui.js', ['runtime.js']),
		chunk('d3.js', []),
		chunk('figure.js', ['ui.js', 'd3.js', 'runtime.js'])
	].map((c) => [c.fileName, c])
);

function written() {
	const { plugin, resolveDependencies } = preloadLists();
	(plugin.generateBundle as (options: object, bundle: object) => void).call({}, {}, bundle);
	return resolveDependencies;
}

describe('preloadLists', () => {
	test("drops what the importer and SvelteKit's entries have loaded, keeps the rest", () => {
		const resolve = written();
		// nodes/7 has ui.js (its import) and runtime.js (the entries'): only d3.js is left to fetch.
		expect(resolve('figure.js', ['ui.js', 'd3.js', 'runtime.js'], { hostId: 'nodes/7.js', hostType: 'js' })).toEqual(['d3.js']);
		// An importer without ui.js still lists it: nodes/7, an entry of SvelteKit's client build
		// too, is not on every page (another route's page lacks it), so its imports do not count.
		expect(resolve('figure.js', ['ui.js', 'd3.js', 'runtime.js'], { hostId: 'd3.js', hostType: 'js' })).toEqual(['ui.js']);
	});

	test('a host it does not know, or an HTML host, keeps its list', () => {
		const resolve = written();
		const deps = ['ui.js', 'runtime.js'];
		expect(resolve('figure.js', deps, { hostId: 'elsewhere.js', hostType: 'js' })).toEqual(deps);
		expect(resolve('figure.js', deps, { hostId: 'nodes/7.js', hostType: 'html' })).toEqual(deps);
	});
});
