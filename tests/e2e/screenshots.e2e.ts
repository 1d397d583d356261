/** Screenshots of every page, wide and narrow, light and dark, for a person to look at. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'vitest';
import { useBrowser } from './support/guard';
import { sitePages, withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const WIDTHS = [1280, 390];
const SCHEMES = ['light', 'dark'] as const;

describe('screenshots → test-results/screenshots/', () => {
	const browser = useBrowser('wasm');
	mkdirSync(OUT_DIR, { recursive: true });

	for (const target of sitePages()) {
		test(`${target.path} at ${WIDTHS.join(' and ')} px, ${SCHEMES.join(' and ')}`, async () => {
			const path = target.live ? withQuery(target.path, { backend: 'wasm' }) : target.path;
			for (const width of WIDTHS) {
				for (const colorScheme of SCHEMES) {
					const { page, context } = await browser.open(path, {
						viewport: { width, height: 900 },
						colorScheme,
						reducedMotion: 'reduce'
					});
					let ready: unknown = null;
					if (target.live) ready = await waitForLabReady(page).catch((error: unknown) => error);
					await page.evaluate(() => document.fonts.ready);
					await page.screenshot({ path: `${OUT_DIR}${target.name}-${width}-${colorScheme}.png`, fullPage: true });
					await context.close();
					if (ready instanceof Error) throw ready;
				}
			}
		});
	}
});
