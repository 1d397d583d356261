/**
 * The index shows each lab's still; in a dark OS it and the embed gallery show the build's dark
 * pictures. (A lab's own first screen, its hero on a laptop and on a phone, is checked by
 * lab.e2e.ts in the load it makes anyway: support/tour.ts.)
 */
import { describe, expect, test } from 'vitest';
import { liveLabs } from '../../src/lib/labs/registry';
import { previewFigure } from '../../src/lib/share/preview';
import { useBrowser } from './support/guard';

describe('the index', () => {
	const browser = useBrowser('wasm');

	test("each lab's card shows its hero picture (drawn by the build), sized and described, and fits a phone", async () => {
		const { page } = await browser.open('/', { viewport: { width: 390, height: 844 } });
		for (const lab of liveLabs) {
			const img = page.locator(`a[href$="labs/${lab.slug}"] img`);
			await img.scrollIntoViewIfNeeded();
			const shown = await img.evaluate(async (el: HTMLImageElement) => {
				await el.decode();
				return { src: el.getAttribute('src'), alt: el.alt, natural: el.naturalWidth, box: el.getBoundingClientRect().height };
			});
			expect(shown.src).toBe(`/stills/${lab.slug}/${previewFigure(lab)?.id}.png`);
			expect(shown.natural, 'the picture loaded').toBeGreaterThan(100);
			expect(shown.box, 'the card holds its room').toBeGreaterThan(100);
			expect(shown.alt.length).toBeGreaterThan(10);
		}
		expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(390);
	});

	test('in a dark OS, the index cards and the embed gallery show the pictures the build drew dark', async () => {
		const dark = { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' as const };
		const { page } = await browser.open('/', dark);
		for (const lab of liveLabs) {
			const img = page.locator(`a[href$="labs/${lab.slug}"] img`);
			await img.scrollIntoViewIfNeeded();
			const shown = await img.evaluate(async (el: HTMLImageElement) => (await el.decode(), { src: new URL(el.currentSrc).pathname, natural: el.naturalWidth }));
			expect(shown.src).toBe(`/stills/${lab.slug}/${previewFigure(lab)?.id}.dark.png`);
			expect(shown.natural, `${lab.slug}: the dark picture loaded`).toBeGreaterThan(100);
		}
		const gallery = (await browser.open('/embed', dark)).page;
		const cards = gallery.locator('.still img');
		const count = await cards.count();
		expect(count).toBeGreaterThan(liveLabs.length);
		for (let i = 0; i < count; i++) {
			await cards.nth(i).scrollIntoViewIfNeeded();
			const shown = await cards.nth(i).evaluate(async (el: HTMLImageElement) => (await el.decode(), { src: el.currentSrc, natural: el.naturalWidth }));
			expect(shown.src, 'a dark picture').toMatch(/^http.*\/stills\/.+\.dark\.png$/);
			expect(shown.natural, `${shown.src} loaded`).toBeGreaterThan(100);
		}
	});
});
