/**
 * A figure in a reveal.js deck (tests/e2e/support/deck.ts: the installed reveal.js, on another
 * localhost port, the figure on slide 2). The deck's arrow keys move it while the figure is not
 * focused; a click gives the figure the keyboard, and Escape hands it back. The figure sizes its
 * iframe (the site's embed.js). In reveal's speaker view (`?receiver`) the figure stays as first
 * painted and never loads the runtime.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { serveDeck } from './support/deck';
import { useBrowser } from './support/guard';
import { LIVE_LABS, withQuery } from './support/site';
import type { VlabWindow } from './support/vlab';

type RevealWindow = Window & { Reveal: { getIndices(): { h: number }; isReady(): boolean } };

const slide = (page: Page) => page.evaluate(() => (window as unknown as RevealWindow).Reveal.getIndices().h);
const focusInFigure = (page: Page) => page.evaluate(() => document.activeElement?.id === 'figure');

describe('a figure on a reveal.js slide', () => {
	const browser = useBrowser('wasm');
	let deck: Awaited<ReturnType<typeof serveDeck>>;
	beforeAll(async () => {
		deck = await serveDeck();
	});
	afterAll(async () => {
		await deck.close();
	});
	const lab = LIVE_LABS[0];
	const figure = lab.figures[0];

	test('the deck keeps its arrow keys until the figure is clicked; Escape hands them back; the figure sizes itself', async () => {
		const { page } = await browser.newPage();
		const src = browser.baseURL + withQuery(`/embed/${lab.slug}/${figure}`, { backend: 'wasm' });
		await page.goto(deck.url(src, browser.baseURL));
		await page.waitForFunction(() => (window as unknown as RevealWindow).Reveal?.isReady());
		expect(await slide(page)).toBe(0);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => slide(page)).toBe(1);

		const frame = page.frameLocator('#figure');
		const drawn = frame.locator(`[data-figure="${figure}"] svg`).first();
		await drawn.waitFor({ state: 'visible', timeout: 30_000 });
		// The figure has not taken the keyboard by loading: the deck still moves, both ways.
		expect(await focusInFigure(page)).toBe(false);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => slide(page)).toBe(2);
		await page.keyboard.press('ArrowLeft');
		await expect.poll(() => slide(page)).toBe(1);

		// A click gives the figure the keyboard: the deck stays on slide 2.
		await frame.locator(`[data-figure="${figure}"] .title`).click();
		await expect.poll(() => focusInFigure(page)).toBe(true);
		await page.keyboard.press('ArrowRight');
		await page.waitForTimeout(300);
		expect(await slide(page)).toBe(1);

		// Escape hands it back.
		await page.keyboard.press('Escape');
		await expect.poll(() => focusInFigure(page)).toBe(false);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => slide(page)).toBe(2);

		// The iframe (300 px to start with) became as tall as the embed's content, in CSS pixels of
		// the slide (reveal scales slides, so both are measured unscaled: offsetHeight).
		await page.keyboard.press('ArrowLeft');
		await expect
			.poll(
				async () => {
					const content = await frame.locator('main.embed').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
					const iframe = await page.locator('#figure').evaluate((el) => (el as HTMLElement).offsetHeight);
					return iframe === content && iframe !== 300;
				},
				{ timeout: 30_000 }
			)
			.toBe(true);
	});

	test("in reveal's speaker view (?receiver) the figure is its first paint and the runtime never loads", async () => {
		const { page } = await browser.newPage();
		const runtime: string[] = [];
		page.on('request', (request) => {
			if (/\.(wasm|onnx)(\?|$)|ort[.-]/.test(request.url())) runtime.push(request.url());
		});
		const src = browser.baseURL + withQuery(`/embed/${lab.slug}/${figure}`, { backend: 'wasm' });
		await page.goto(`${deck.url(src, browser.baseURL, 'receiver')}#/1`);
		const frame = page.frameLocator('#figure');
		await frame.locator('main.embed[data-still]').waitFor({ state: 'attached', timeout: 30_000 });
		await frame.locator(`[data-figure="${figure}"]`).waitFor({ state: 'visible' });
		// Long enough for a live embed to have asked for the runtime (it does right after mount).
		await page.waitForTimeout(3000);
		const frameWindow = page.frames().find((f) => f.url().startsWith(src.split('?')[0]));
		const status = await frameWindow?.evaluate(() => (window as VlabWindow).__vlab?.status);
		expect(status).toBe('idle');
		expect(runtime).toEqual([]);
	});
});
