/**
 * Embed pages: each, inside an iframe on another origin (as a blog frames it, in a phone's 390 px
 * column), renders its figure(s) with no site chrome, posts its height to the host page as
 * `{ type: 'vlab:height', height }`, and leads with its figure (support/embedOnPhone.ts).
 * With JavaScript off, embeds and lab pages keep their prerendered figures and hide their controls.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILD_DIR } from '../../scripts/serve';
import { useBrowser } from './support/guard';
import { checkEmbedOnPhone } from './support/embedOnPhone';
import { serveHost, type HostWindow } from './support/host';
import { LIVE_LABS, sitePages, withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

/** One Chromium for the file (a launch costs about two seconds of CPU). */
const browser = useBrowser('wasm');

/** Site chrome = a header or nav that is not part of a figure. */
function chromeElements(): string[] {
	return Array.from(document.querySelectorAll('header, nav, [role="banner"], [role="navigation"]'))
		.filter((el) => !el.closest('[data-figure]'))
		.map((el) => el.outerHTML.slice(0, 120));
}

describe('embed pages', () => {
	const embeds = sitePages().filter((p) => p.embed);
	let host: Awaited<ReturnType<typeof serveHost>>;
	beforeAll(async () => {
		host = await serveHost();
	});
	afterAll(async () => {
		await host.close();
	});

	for (const embed of embeds) {
		// One load per embed, framed the way a blog frames it: its figure, no site chrome, its height.
		test(`${embed.path} renders ${embed.figure ? `figure "${embed.figure}"` : 'the lab'} without site chrome, posts its height to the host page, and leads with its figure in a phone's column`, async () => {
			const { page } = await browser.newPage();
			const src = browser.baseURL + withQuery(embed.path, { backend: 'wasm' });
			await page.goto(`${host.url}?width=390&src=${encodeURIComponent(src)}`);
			await page.waitForFunction(() => ((window as HostWindow).__heights ?? []).length > 0, null, { timeout: 30_000 });
			const frame = page.frames().find((f) => f.url().startsWith(browser.baseURL + embed.path));
			if (!frame) throw new Error(`no frame for ${embed.path}`);
			// Let the figure settle, then compare the last height posted with the page's own.
			await frame.waitForFunction(
				() => {
					const v = (window as Window & { __vlab?: { status: string; lastDrawnAt: number | null } }).__vlab;
					return v?.status === 'ready' && v.lastDrawnAt !== null;
				},
				null,
				{ timeout: 90_000 }
			);
			const figure = frame.locator(embed.figure ? `[data-figure="${embed.figure}"]` : '[data-figure]').first();
			expect(await figure.isVisible(), 'the figure is shown').toBe(true);
			expect(await frame.evaluate(() => (window as Window & { __vlab?: { backend: string | null } }).__vlab?.backend)).toBe('wasm');
			expect(await frame.evaluate(chromeElements), 'no site header or nav').toEqual([]);
			// The frame may still be settling (fonts, a late figure): give the newest message up to
			// 10 s to catch up with the content before judging it.
			type Posted = { origin: string; height: number };
			let last: Posted = { origin: '', height: NaN };
			let contentHeight = 0;
			let slack = 32;
			for (let attempt = 0; attempt < 40; attempt++) {
				const messages: Posted[] = await page.evaluate(() => (window as HostWindow).__heights ?? []);
				last = messages[messages.length - 1];
				contentHeight = await frame.evaluate(() => document.documentElement.scrollHeight);
				slack = Math.max(32, contentHeight * 0.05);
				if (Math.abs(last.height - contentHeight) <= slack) break;
				await page.waitForTimeout(250);
			}
			expect(last.origin, 'the message comes from the embed').toBe(browser.baseURL);
			expect(Number.isFinite(last.height) && last.height > 50, `height is a length in px (${last.height})`).toBe(true);
			expect(
				Math.abs(last.height - contentHeight) <= slack,
				`posted height ${last.height} follows the content (${contentHeight}px)`
			).toBe(true);
			await checkEmbedOnPhone(frame, page.keyboard, embed.figure, embed.runsModels ?? true);
		});
	}
});

/** A 1×1 PNG, to feed a file input a real image. */
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('an embed with a file input', () => {
	const embeds = sitePages().filter((p) => p.embed);

	test('a file input in an embed works from the keyboard and refuses what is not an image', async () => {
		// The single-figure embeds whose prerendered page has one (no need to load every embed to ask).
		const withInput = embeds.filter((e) => e.figure && readFileSync(join(BUILD_DIR, `${e.path}.html`), 'utf8').includes('type="file"'));
		expect(withInput.length, 'some embed has a file input').toBeGreaterThan(0);
		for (const embed of withInput) {
			const { page, context } = await browser.open(withQuery(embed.path, { backend: 'wasm' }), { viewport: { width: 390, height: 700 } });
			const input = page.locator('input[type="file"]');
			await waitForLabReady(page);
			// A figure still running its own models (aria-busy) may redraw under the keys.
			await page.waitForSelector('figure[aria-busy="true"]', { state: 'detached', timeout: 60_000 });
			// Reach it with the keyboard: its styled label shows the focus ring, Space opens the picker.
			await input.focus();
			await page.keyboard.press('Shift+Tab');
			await page.keyboard.press('Tab');
			expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
			const id = await input.getAttribute('id');
			const ring = await page.locator(`label[for="${id}"]`).evaluate((el) => getComputedStyle(el).outlineStyle);
			expect(ring, 'the label wears the focus ring').toBe('solid');
			// Space on the focused input must activate it: a trusted click, which is what opens the
			// picker. The click is recorded and its default (the picker) prevented: waiting on Chromium's
			// picker instead failed twice in CI under load with no chooser event for either key press.
			await input.evaluate((el) => {
				const w = window as unknown as { __fileClicks: boolean[] };
				w.__fileClicks = [];
				el.addEventListener('click', (event) => (w.__fileClicks.push(event.isTrusted), event.preventDefault()), { once: true });
			});
			await page.keyboard.press('Space');
			const focusAfter = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
			await expect
				.poll(() => page.evaluate(() => (window as unknown as { __fileClicks: boolean[] }).__fileClicks), { message: `Space clicked the input (focus: ${focusAfter})` })
				.toEqual([true]);
			await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
			await expect.poll(() => page.getByRole('alert').allInnerTexts()).toEqual([expect.stringContaining('notes.txt')]);
			await input.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
			await expect.poll(() => page.getByRole('alert').count()).toBe(0);
			await context.close();
		}
	});
});

/**
 * The pictures of a page's figures that are not drawn (no box): with JavaScript off, hiding the
 * controls must not hide a figure's own picture with them, as it did when the attention lab's
 * head maps and sparse patterns were drawn inside the buttons that pick them. Icons (an svg 32 px
 * wide or less, like a file input's) go with their controls.
 */
async function hiddenPictures(page: Page): Promise<string[]> {
	return page.locator('[data-figure] svg').evaluateAll((svgs) =>
		svgs
			.filter((svg) => svg.querySelector('path, rect, circle, line, polyline, polygon, image'))
			.filter((svg) => !(Number(svg.getAttribute('width')) > 0 && Number(svg.getAttribute('width')) <= 32))
			.filter((svg) => svg.getClientRects().length === 0)
			.map((svg) => `${svg.closest('[data-figure]')!.getAttribute('data-figure')}: ${svg.getAttribute('aria-label') ?? svg.querySelector('title')?.textContent ?? svg.getAttribute('class')}`)
	);
}

describe('embed pages with JavaScript off', () => {
	const embeds = sitePages().filter((p) => p.embed);
	// One page per lab, walked through its embeds: a fresh context per embed cost more than the check.
	const labsOfEmbeds = [...new Set(embeds.map((e) => e.path.split('/')[2]))];

	for (const slug of labsOfEmbeds) {
		const paths = embeds.filter((e) => e.path.split('/')[2] === slug).map((e) => e.path);
		test(`/embed/${slug} and its ${paths.length - 1} figure embeds: each shows its prerendered figure and a link to the lab`, async () => {
			const { page } = await browser.newPage({ javaScriptEnabled: false });
			for (const path of paths) {
				const response = await page.goto(browser.baseURL + path, { waitUntil: 'load' });
				expect(response?.status(), `GET ${path}`).toBe(200);
				// The figure's real marks, from the build's numbers (not an empty frame): its shapes, and
				// the pixel pictures (svg images) prerendered with their pixels.
				const marks = await page
					.locator('[data-figure] svg :is(path, rect, circle, line, polyline, polygon, image[href^="data:image/png"])')
					.evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().width > 0 || el.getBoundingClientRect().height > 0).length);
				expect(marks, `${path}: the figure draws marks without JavaScript`).toBeGreaterThan(10);
				expect(await hiddenPictures(page), `${path}: pictures hidden with the controls`).toEqual([]);
				const link = page.locator('.no-script a');
				await link.waitFor({ state: 'visible', timeout: 10_000 });
				expect(await link.getAttribute('href'), path).toMatch(/\/labs\/[a-z-]+$/);
				// The controls, which need JavaScript, are hidden.
				const visibleControls = await page.locator('input, select, button').evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length);
				expect(visibleControls, `${path}: no dead controls without JavaScript`).toBe(0);
			}
		});
	}
});

describe('lab pages with JavaScript off', () => {
	test.each(LIVE_LABS.map((lab) => lab.slug))('/labs/%s says what it cannot do and shows no dead controls', async (slug) => {
		const { page } = await browser.open(`/labs/${slug}`, { javaScriptEnabled: false });
		const note = page.locator('.no-script-note');
		await note.waitFor({ state: 'visible', timeout: 10_000 });
		expect(await note.innerText()).toMatch(/default settings, computed when the site was built/);
		const visibleControls = await page
			.locator('.lab :is(input, select, button, textarea, .checkpoint, aside.panel, .recorded .what-start-does)')
			.evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length);
		expect(visibleControls, 'no dead controls, and no recording that says to press Start').toBe(0);
		// The figures stay, with their marks.
		expect(await page.locator('[data-figure] svg :is(path, rect, circle, line, polyline, polygon, image)').count()).toBeGreaterThan(10);
		expect(await hiddenPictures(page), 'pictures hidden with the controls').toEqual([]);
	});
});
