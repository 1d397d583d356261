/**
 * axe-core finds no serious or critical violations on the index, every lab page, one embed page
 * and the embed gallery.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import type { AxeResults } from 'axe-core';
import { useBrowser } from './support/guard';
import { sitePages, withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

// Evaluated, not added as a <script> tag: the site's CSP blocks inline scripts, and rightly so.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const pages = sitePages();
const scanned = [
	pages.find((p) => p.name === 'index'),
	...pages.filter((p) => p.live && !p.embed),
	pages.find((p) => p.embed && p.figure)
].filter((p) => p !== undefined);

describe('accessibility (axe-core)', () => {
	const browser = useBrowser('wasm');

	// One load per page: the dark theme follows the emulated color scheme live (theme.css), so the
	// page is scanned light, switched to dark in place, and scanned again.
	for (const target of scanned) {
		test(`${target.path} (light and dark) has no serious or critical violations`, async () => {
			const path = target.live ? withQuery(target.path, { backend: 'wasm' }) : target.path;
			const { page } = await browser.open(path, { colorScheme: 'light', reducedMotion: 'reduce' });
			if (target.live) await waitForLabReady(page);
			await page.evaluate(`${AXE_SOURCE}\n;undefined`);
			const found: Record<string, string[]> = {};
			for (const colorScheme of ['light', 'dark'] as const) {
				await page.emulateMedia({ colorScheme });
				const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
				found[colorScheme] = results.violations
					.filter((v) => v.impact === 'serious' || v.impact === 'critical')
					.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
			}
			expect(found).toEqual({ light: [], dark: [] });
		});
	}
});
