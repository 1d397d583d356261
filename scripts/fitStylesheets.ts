/**
 * After `vite build` (`npm run build` runs this before the link previews): fits each prerendered
 * page's stylesheet links to the components it rendered (scripts/pageStylesheets.ts says which and
 * why). CSS that the app's entry or any route imports statically is never dropped; a component's
 * scoped CSS is linked where the page rendered the component, whether SvelteKit linked it or not.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STYLESHEET_LINK as LINK, stylesheetChanges } from './pageStylesheets';
import { htmlPages } from './builtPages';
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

const link = (href: string) => `<link href="${href}" rel="stylesheet">`;

const manifest = JSON.parse(readFileSync(join(CLIENT_DIR, '.vite/manifest.json'), 'utf8')) as Manifest;
const keep = staticCss(manifest);
const all = [...new Set(Object.values(manifest).flatMap((chunk) => (chunk.css ?? []).map((css) => `/${css}`)))];
const cssCache = new Map<string, string>();
const cssOf = (href: string) => {
	let text = cssCache.get(href);
	if (text === undefined) cssCache.set(href, (text = readFileSync(join(BUILD_DIR, href), 'utf8')));
	return text;
};

let before = 0;
let after = 0;
for (const file of htmlPages(BUILD_DIR)) {
	const html = readFileSync(file, 'utf8');
	const linked = [...html.matchAll(LINK)].map((match) => match[1]);
	const { drop, add } = stylesheetChanges(html, linked, all, cssOf, keep);
	before += linked.length;
	after += linked.length - drop.length + add.length;
	if (drop.length === 0 && add.length === 0) continue;
	const dropped = new Set(drop);
	let fitted = html.replace(LINK, (tag, href: string) => (dropped.has(href) ? '' : tag));
	// The added links go where SvelteKit put its own, at the end of the head's stylesheets.
	const last = [...fitted.matchAll(LINK)].at(-1);
	const at = last ? last.index + last[0].length : fitted.indexOf('</head>');
	fitted = fitted.slice(0, at) + add.map(link).join('') + fitted.slice(at);
	writeFileSync(file, fitted);
}
console.log(`Stylesheet links in prerendered pages: ${before} → ${after} (each page links the styles of what it rendered).`);
