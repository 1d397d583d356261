/**
 * The tour (support/tour.ts: axe light and dark, the first screen at 1280 and at 390, and
 * screenshots when asked) of the pages lab.e2e.ts does not load: the index and one single-figure
 * embed. Each lab page is toured in lab.e2e.ts, on the load that checks its model: a lab's load
 * runs its models, and those loads are most of what the e2e suite costs. The embeds' own checks
 * (their figure first on a phone, captions that stand alone) run where embed.e2e.ts frames each
 * one in a phone's column.
 *
 * Pictures for a person to look at: with VLAB_SHOTS=1 (`npm run shots`) this file tours every
 * page, lab pages and embeds too, and screenshots each into test-results/screenshots/. `npm test`
 * leaves them out: nobody looks at CI's pictures.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'vitest';
import { useBrowser } from './support/guard';
import { sitePages, withQuery } from './support/site';
import { TOUR_CONTEXT, tourPage } from './support/tour';

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SHOTS = process.env.VLAB_SHOTS === '1';

const site = sitePages();
/** Scanned by axe here: the index and one single-figure embed (lab pages: in lab.e2e.ts). */
const axePages = new Set([site.find((p) => p.name === 'index'), site.find((p) => p.embed && p.figure)].map((p) => p?.path));
/** Without pictures, the pages not scanned here have nothing left to check in this file. */
const pages = SHOTS ? site : site.filter((p) => axePages.has(p.path));

describe('the pages lab.e2e.ts does not tour: axe (and screenshots of every page with VLAB_SHOTS=1)', () => {
	const browser = useBrowser('wasm');
	if (SHOTS) mkdirSync(OUT_DIR, { recursive: true });

	for (const target of pages) {
		const scan = axePages.has(target.path);
		const checks = [scan && 'axe', SHOTS && !target.embed && target.live && 'first screen', SHOTS && 'screenshots'].filter(Boolean);
		// A live lab waiting for its model, and axe on a long page: more than the default 120 s on a busy machine.
		test(`${target.path}${checks.length ? ` (${checks.join(', ')})` : ''}`, { timeout: 300_000 }, async () => {
			const path = target.live ? withQuery(target.path, { backend: 'wasm' }) : target.path;
			const { page } = await browser.newPage(TOUR_CONTEXT);
			const response = await page.goto(browser.baseURL + path, { waitUntil: 'load' });
			if (!response || response.status() !== 200) throw new Error(`GET ${path} answered ${response?.status() ?? 'nothing'}`);
			await tourPage(page, target, { scan, shotsDir: SHOTS ? OUT_DIR : null });
		});
	}
});
