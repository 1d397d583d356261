/**
 * After `vite build` (`npm run build` runs it with fitStylesheets.ts): links, in each lab, embed
 * and presentation page, the chunks its route's `load` imports in steps, so they are fetched
 * before the route asks (scripts/modulePreloads.ts says why, which, and where they go).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveLabs } from '../src/lib/labs/registry';
import { chunkClosure, pageSources, preloadedFiles, withPreloads, type LabPage } from './modulePreloads';
import { BUILD_DIR } from './serve';
import { MODULE_CHUNKS_FILE, type ModuleChunks } from './vite/moduleChunks';

const chunks = JSON.parse(readFileSync(MODULE_CHUNKS_FILE, 'utf8')) as ModuleChunks;

let pages = 0;
let added = 0;
for (const lab of liveLabs) {
	const targets: [string, LabPage][] = [
		[`labs/${lab.slug}.html`, 'lab'],
		[`present/${lab.slug}.html`, 'present'],
		[`embed/${lab.slug}.html`, 'embeds'],
		...lab.figures.filter((f) => f.embeddable).map((f): [string, { figure: string }] => [`embed/${lab.slug}/${f.id}.html`, { figure: f.id }])
	];
	for (const [path, page] of targets) {
		const file = join(BUILD_DIR, path);
		if (!existsSync(file)) throw new Error(`${path} was not prerendered`);
		const html = readFileSync(file, 'utf8');
		const result = withPreloads(html, chunkClosure(pageSources(lab, page, chunks.modules), chunks, preloadedFiles(html)));
		writeFileSync(file, result.html);
		pages += 1;
		added += result.added;
	}
}
console.log(`Module preloads: ${added} added over ${pages} lab, presentation and embed pages (the chunks their load imports in steps).`);
