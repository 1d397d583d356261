/**
 * The build's pictures of figures (scripts/linkPreviews.ts: the index cards, the embed gallery,
 * and the link-preview cards made from them) show the figure they name. The build takes each as a
 * clip of the page at the figure's box; if the page moves under that box (prose the page skips
 * off screen rendering as it scrolls by), the picture shows something else, as about ten did.
 *
 * Here every figure is taken again from a page that cannot move: nothing skipped anywhere, the
 * picture's stylesheet in place from the start. Both come from the same browser and build, so a
 * right picture is the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { liveLabs } from '../../src/lib/labs/registry';
import { stillPath } from '../../src/lib/share/links';
import { PICTURE_STYLE, PICTURE_VIEWPORT, picturedFigures } from '../../scripts/pictureSetup';
import { BUILD_DIR } from '../../scripts/serve';
import { useBrowser } from './support/guard';

/** This test's own rule, apart from the build's: render every block, on screen or not. */
const NOTHING_SKIPPED = '* { content-visibility: visible !important; }';

describe("the build's pictures of figures", () => {
	const browser = useBrowser('wasm');

	for (const lab of liveLabs) {
		const figures = picturedFigures(lab);
		test(`${lab.slug}: each still is its figure, light and dark (${figures.join(', ')})`, async () => {
			const { page, context } = await browser.newPage({ viewport: PICTURE_VIEWPORT, javaScriptEnabled: false, bypassCSP: true, prerendered: true });
			await context.route(
				(url) => url.pathname === `/labs/${lab.slug}`,
				async (route) => {
					const response = await route.fetch();
					const body = (await response.text()).replace('</head>', `<style>${PICTURE_STYLE} ${NOTHING_SKIPPED}</style></head>`);
					await route.fulfill({ response, body });
				}
			);
			await page.goto(`${browser.baseURL}/labs/${lab.slug}?backend=wasm`);
			for (const scheme of ['light', 'dark'] as const) {
				await page.emulateMedia({ colorScheme: scheme });
				for (const id of figures) {
					const shot = await page.locator(`figure.figure[data-figure="${id}"]`).first().screenshot({ animations: 'disabled' });
					const still = readFileSync(join(BUILD_DIR, stillPath(lab.slug, id, scheme)));
					expect(shot.equals(still), `${stillPath(lab.slug, id, scheme)} is the figure "${id}"`).toBe(true);
				}
			}
		});
	}
});
