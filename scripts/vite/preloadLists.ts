import type { Plugin } from 'vite';

/** SvelteKit's two entries (their names in its client build): every page loads both first. */
const APP_ENTRIES = new Set(['entry/start', 'entry/app']);

type ResolveDependencies = (filename: string, deps: string[], context: { hostId: string; hostType: 'html' | 'js' }) => string[];

/**
 * Shorter preload lists for dynamic imports. For each `import()`, Vite writes the chunks the
 * imported chunk needs (`__vite__mapDeps`) so the browser fetches them at once, not one level
 * of imports at a time. Some of those chunks are always loaded by the time the import runs: the
 * importing chunk's own static imports (it is running), and the app entry's (every page starts
 * with it). Vite's helper skips them at run time, so listing them only costs bytes: 13% of the
 * entries site-wide, and 0.6 KB gzip of the quantization lab's JavaScript before the runtime.
 *
 * `plugin` records each chunk's static imports when the bundle is written (a normal plugin's
 * generateBundle runs before Vite's own, which calls `resolveDependencies`). A host it does not
 * know keeps its list as Vite made it.
 */
export function preloadLists(): { plugin: Plugin; resolveDependencies: ResolveDependencies } {
	/** Chunk file → every chunk it imports statically, directly or not, itself included. */
	let loadedWith = new Map<string, Set<string>>();
	/** The chunks every page has loaded: the static closures of SvelteKit's entries. */
	let always = new Set<string>();

	const plugin: Plugin = {
		name: 'vlab:preload-lists',
		apply: 'build',
		generateBundle(_options, bundle) {
			const imports = new Map<string, readonly string[]>();
			const entries: string[] = [];
			for (const chunk of Object.values(bundle)) {
				if (chunk.type !== 'chunk') continue;
				imports.set(chunk.fileName, chunk.imports);
				if (chunk.isEntry && APP_ENTRIES.has(chunk.name)) entries.push(chunk.fileName);
			}
			const closure = (file: string, seen = new Set<string>()): Set<string> => {
				if (seen.has(file)) return seen;
				seen.add(file);
				for (const next of imports.get(file) ?? []) closure(next, seen);
				return seen;
			};
			loadedWith = new Map([...imports.keys()].map((file) => [file, closure(file)]));
			always = new Set(entries.flatMap((file) => [...closure(file)]));
		}
	};

	const resolveDependencies: ResolveDependencies = (_filename, deps, { hostId, hostType }) => {
		const loaded = hostType === 'js' ? loadedWith.get(hostId) : undefined;
		if (!loaded) return deps;
		return deps.filter((dep) => !loaded.has(dep) && !always.has(dep));
	};

	return { plugin, resolveDependencies };
}
