import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every prerendered page under a build folder (its .html files, outside `_app/`), for the after-build steps. */
export function htmlPages(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === '_app' ? [] : htmlPages(path);
		return entry.name.endsWith('.html') ? [path] : [];
	});
}
