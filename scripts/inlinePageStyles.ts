/**
 * After fitStylesheets.ts (`npm run build`): moves each prerendered page's stylesheets into the
 * page (scripts/inlineStyles.ts says why and how).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineStyles } from './inlineStyles';
import { BUILD_DIR } from './serve';

function htmlFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === '_app' ? [] : htmlFiles(path);
		return entry.name.endsWith('.html') ? [path] : [];
	});
}

const cssOf = (href: string) => readFileSync(join(BUILD_DIR, href), 'utf8').trim();

let pages = 0;
let sheets = 0;
for (const file of htmlFiles(BUILD_DIR)) {
	const { html, inlined } = inlineStyles(readFileSync(file, 'utf8'), cssOf);
	if (inlined === 0) continue;
	writeFileSync(file, html);
	pages += 1;
	sheets += inlined;
}
console.log(`Inline styles: ${sheets} stylesheets moved into ${pages} pages (none blocks a first paint).`);
