/**
 * After `vite build` (`npm run build` runs this before the link previews): drops from each
 * prerendered page the stylesheet links it does not use (scripts/unusedStylesheets.ts says
 * which and why). CSS that the app's entry or any route imports statically is never dropped: only
 * the CSS of lazily imported components, which the client links again when it mounts one.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unusedStylesheets } from './unusedStylesheets';
import { BUILD_DIR } from './serve';

type Manifest = Record<string, { file: string; css?: string[]; imports?: string[]; isEntry?: boolean }>;

const CLIENT_DIR = '.svelte-kit/output/client';

/** CSS reached from the entries (the app's start and every route node) by static imports only. */
function staticCss(manifest: Manifest): Set<string> {
	const keep = new Set<string>();
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key) || !manifest[key]) return;
		seen.add(key);
		for (const css of manifest[key].css ?? []) keep.add(`/${css}`);
		for (const next of manifest[key].imports ?? []) visit(next);
	};
	for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry || key.includes('/client-optimized/nodes/')) visit(key);
	return keep;
}

function htmlFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === '_app' ? [] : htmlFiles(path);
		return entry.name.endsWith('.html') ? [path] : [];
	});
}

const LINK = /<link href="([^"]+\.css)" rel="stylesheet">/g;

const manifest = JSON.parse(readFileSync(join(CLIENT_DIR, '.vite/manifest.json'), 'utf8')) as Manifest;
const keep = staticCss(manifest);
const cssCache = new Map<string, string>();
const cssOf = (href: string) => {
	let text = cssCache.get(href);
	if (text === undefined) cssCache.set(href, (text = readFileSync(join(BUILD_DIR, href), 'utf8')));
	return text;
};

let before = 0;
let after = 0;
for (const file of htmlFiles(BUILD_DIR)) {
	const html = readFileSync(file, 'utf8');
	const linked = [...html.matchAll(LINK)].map((match) => match[1]);
	const drop = new Set(unusedStylesheets(html, linked, cssOf, keep));
	before += linked.length;
	after += linked.length - drop.size;
	if (drop.size === 0) continue;
	writeFileSync(file, html.replace(LINK, (link, href: string) => (drop.has(href) ? '' : link)));
}
console.log(`Stylesheet links in prerendered pages: ${before} → ${after}.`);
