import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Where the client build's module map goes: beside its output, not in it (it is not served). */
export const MODULE_CHUNKS_FILE = '.svelte-kit/output/module-chunks.json';

/** Which chunk holds each source module of the client build, and each chunk's static imports. */
export interface ModuleChunks {
	/** Source path relative to the project root (`labs/x/controller.svelte.ts`) → chunk file. */
	modules: Record<string, string>;
	/** Chunk file (`_app/immutable/chunks/A.js`) → the chunk files it imports statically. */
	imports: Record<string, string[]>;
}

/**
 * Writes the client build's ModuleChunks for scripts/preloadModules.ts. Vite's manifest names a
 * chunk by its source only when the chunk is an entry; a lab's controller, merged into a shared
 * chunk, is not there, and the bundle is the one place that still knows where it went.
 */
export function moduleChunks(root: string): Plugin {
	return {
		name: 'vlab:module-chunks',
		apply: 'build',
		generateBundle(options, bundle) {
			// SvelteKit builds the server, then the client, with the same plugins: only the client's chunks are served.
			if (!options.dir || !resolve(options.dir).endsWith('.svelte-kit/output/client')) return;
			const map: ModuleChunks = { modules: {}, imports: {} };
			for (const chunk of Object.values(bundle)) {
				if (chunk.type !== 'chunk') continue;
				map.imports[chunk.fileName] = chunk.imports;
				for (const id of chunk.moduleIds) {
					if (id.startsWith('\0') || !id.startsWith(root)) continue;
					map.modules[relative(root, id.split('?')[0])] ??= chunk.fileName;
				}
			}
			const file = resolve(root, MODULE_CHUNKS_FILE);
			mkdirSync(dirname(file), { recursive: true });
			writeFileSync(file, JSON.stringify(map));
		}
	};
}
