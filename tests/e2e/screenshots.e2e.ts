/**
 * Screenshots of every page, wide and narrow, light and dark, for a person to look at; and the
 * high-contrast theme (`?theme=contrast`) at 1280 px, for every page but the single-figure embeds
 * (their whole-lab embed shows the same figures), to keep the run short.
 *
 * One context per page: each width is a fresh load (the control panel decides on mount whether a
 * narrow screen starts it closed), shot light, then dark by switching the emulated color scheme
 * in place (the theme follows `prefers-color-scheme` live: theme.css); the contrast theme is read
 * from the address on mount, so it is a load of its own.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'vitest';
import { useBrowser } from './support/guard';
import { sitePages, withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const WIDTHS = [1280, 390];
const SCHEMES = ['light', 'dark'] as const;
const CONTRAST_WIDTH = 1280;

describe('screenshots → test-results/screenshots/', () => {
	const browser = useBrowser('wasm');
	mkdirSync(OUT_DIR, { recursive: true });

	for (const target of sitePages()) {
		const contrast = !target.figure;
		// Up to three loads of a live lab, each waiting for its model: more than the default 120 s on a busy machine.
		test(`${target.path} at ${WIDTHS.join(' and ')} px, ${SCHEMES.join(' and ')}${contrast ? `, and contrast at ${CONTRAST_WIDTH}` : ''}`, { timeout: 300_000 }, async () => {
			const path = target.live ? withQuery(target.path, { backend: 'wasm' }) : target.path;
			const loads: { width: number; query: string; themes: (typeof SCHEMES)[number][] | ['contrast'] }[] = WIDTHS.map((width) => ({ width, query: path, themes: [...SCHEMES] }));
			if (contrast) loads.push({ width: CONTRAST_WIDTH, query: withQuery(path, { theme: 'contrast' }), themes: ['contrast'] });
			const { page } = await browser.newPage({ viewport: { width: WIDTHS[0], height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
			for (const { width, query, themes } of loads) {
				await page.emulateMedia({ colorScheme: 'light' });
				await page.setViewportSize({ width, height: 900 });
				const response = await page.goto(browser.baseURL + query, { waitUntil: 'load' });
				if (!response || response.status() !== 200) throw new Error(`GET ${query} answered ${response?.status() ?? 'nothing'}`);
				let ready: unknown = null;
				if (target.live) ready = await waitForLabReady(page).catch((error: unknown) => error);
				for (const theme of themes) {
					if (theme === 'dark') await page.emulateMedia({ colorScheme: 'dark' });
					await page.evaluate(() => document.fonts.ready);
					await page.screenshot({ path: `${OUT_DIR}${target.name}-${width}-${theme}.png`, fullPage: true });
				}
				if (ready instanceof Error) throw ready;
			}
		});
	}
});
