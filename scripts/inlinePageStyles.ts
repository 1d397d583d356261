/**
 * After fitStylesheets.ts (`npm run build`): moves each prerendered page's stylesheets into the
 * page (scripts/inlineStyles.ts says why and how).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineStyles } from './inlineStyles';
import { htmlPages } from './builtPages';
import { BUILD_DIR } from './serve';

const cssOf = (href: string) => readFileSync(join(BUILD_DIR, href), 'utf8').trim();

let pages = 0;
let sheets = 0;
for (const file of htmlPages(BUILD_DIR)) {
	const { html, inlined } = inlineStyles(readFileSync(file, 'utf8'), cssOf);
	if (inlined === 0) continue;
	writeFileSync(file, html);
	pages += 1;
	sheets += inlined;
}
console.log(`Inline styles: ${sheets} stylesheets moved into ${pages} pages (none blocks a first paint).`);
