/**
 * Screenshots of every page, wide and narrow, light and dark, for a person to look at; and the
 * high-contrast theme (`?theme=contrast`) at 1280 px, for every page but the single-figure embeds
 * (their whole-lab embed shows the same figures), to keep the run short.
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
		test(`${target.path} at ${WIDTHS.join(' and ')} px, ${SCHEMES.join(' and ')}${contrast ? `, and contrast at ${CONTRAST_WIDTH}` : ''}`, async () => {
			const path = target.live ? withQuery(target.path, { backend: 'wasm' }) : target.path;
			const shots: { width: number; theme: (typeof SCHEMES)[number] | 'contrast' }[] = WIDTHS.flatMap((width) => SCHEMES.map((theme) => ({ width, theme })));
			if (contrast) shots.push({ width: CONTRAST_WIDTH, theme: 'contrast' });
			for (const { width, theme } of shots) {
				const { page, context } = await browser.open(theme === 'contrast' ? withQuery(path, { theme }) : path, {
					viewport: { width, height: 900 },
					colorScheme: theme === 'dark' ? 'dark' : 'light',
					reducedMotion: 'reduce'
				});
				let ready: unknown = null;
				if (target.live) ready = await waitForLabReady(page).catch((error: unknown) => error);
				await page.evaluate(() => document.fonts.ready);
				await page.screenshot({ path: `${OUT_DIR}${target.name}-${width}-${theme}.png`, fullPage: true });
				await context.close();
				if (ready instanceof Error) throw ready;
			}
		});
	}
});
