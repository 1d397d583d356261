/**
 * A blogger's page, on its own origin, embedding figures from two labs with the published snippet
 * (iframes plus the site's embed.js): both figures render, run their models, and are resized by
 * embed.js; messages the host forges change neither the iframes nor the figures.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { useBrowser } from './support/guard';
import { serveHost } from './support/host';
import { LIVE_LABS, withQuery } from './support/site';
import type { VlabWindow } from './support/vlab';

/** The first embeddable figure of the first two live labs that have one. */
const EMBEDS = LIVE_LABS.filter((lab) => lab.figures.length > 0)
	.slice(0, 2)
	.map((lab) => `/embed/${lab.slug}/${lab.figures[0]}`);

interface FrameView {
	status: string;
	runs: number;
	drawn: boolean;
	href: string;
	results: string;
	contentHeight: number;
}

function view(frame: Frame): Promise<FrameView> {
	return frame.evaluate(() => {
		const v = (window as VlabWindow).__vlab;
		return {
			status: v?.status ?? 'none',
			runs: v?.runs ?? 0,
			drawn: v?.lastDrawnAt != null,
			href: location.href,
			results: JSON.stringify(v?.results ?? null),
			contentHeight: Math.ceil(document.querySelector('main')?.getBoundingClientRect().height ?? 0)
		};
	});
}

function iframeHeights(page: Page): Promise<number[]> {
	return page.evaluate(() => Array.from(document.querySelectorAll('iframe'), (f) => f.getBoundingClientRect().height));
}

describe('a blog post embedding figures from two labs', () => {
	const browser = useBrowser('wasm');
	let host: Awaited<ReturnType<typeof serveHost>>;
	beforeAll(async () => {
		host = await serveHost();
	});
	afterAll(async () => {
		await host.close();
	});

	test('both figures render, run their models, are resized by embed.js, and ignore forged messages', async () => {
		expect(EMBEDS, 'two labs with an embeddable figure').toHaveLength(2);
		const { page } = await browser.newPage();
		const query = new URLSearchParams({ site: browser.baseURL });
		for (const path of EMBEDS) query.append('src', browser.baseURL + withQuery(path, { backend: 'wasm' }));
		await page.goto(`${host.origin}/blog.html?${query}`);

		const frames = EMBEDS.map((path) => {
			const frame = page.frames().find((f) => f.url().startsWith(browser.baseURL + path));
			if (!frame) throw new Error(`no frame for ${path}`);
			return frame;
		});
		for (const frame of frames) {
			await frame.waitForFunction(
				() => {
					const v = (window as VlabWindow).__vlab;
					return v?.status === 'error' || (v?.status === 'ready' && v.lastDrawnAt !== null);
				},
				null,
				{ timeout: 90_000, polling: 100 }
			);
			const seen = await view(frame);
			expect(seen.status, `${frame.url()} ran its model`).toBe('ready');
			expect(seen.runs).toBeGreaterThan(0);
		}

		// embed.js (the only resizer on this page) follows each frame's content height.
		const settle = async (): Promise<{ heights: number[]; content: number[] }> => {
			let heights: number[] = [];
			let content: number[] = [];
			for (let attempt = 0; attempt < 40; attempt++) {
				heights = await iframeHeights(page);
				content = await Promise.all(frames.map(async (f) => (await view(f)).contentHeight));
				if (heights.every((h, i) => Math.abs(h - content[i]) <= 2)) break;
				await page.waitForTimeout(250);
			}
			return { heights, content };
		};
		const before = await settle();
		before.heights.forEach((h, i) => {
			expect(h, `iframe ${i} left its initial 240 px`).not.toBe(240);
			expect(Math.abs(h - before.content[i]), `iframe ${i} is ${h}px for ${before.content[i]}px of content`).toBeLessThanOrEqual(2);
		});
		const figuresBefore = await Promise.all(frames.map(view));

		// The host (another origin) forges height messages to itself and sends junk to the frames.
		await page.evaluate(() => {
			const forged = [
				{ type: 'vlab:height', height: 9000, id: 'x' },
				{ type: 'vlab:height', height: 3 },
				{ type: 'vlab:height', height: '<img src=x onerror=alert(1)>' },
				'vlab:height 9000',
				null
			];
			for (const message of forged) window.postMessage(message, '*');
			for (const frame of Array.from(document.querySelectorAll('iframe'))) {
				for (const message of [...forged, { type: 'vlab:setState', patch: { seed: 99 } }, { type: 'vlab:navigate', href: 'https://example.com' }]) {
					frame.contentWindow?.postMessage(message, '*');
				}
			}
		});
		await page.waitForTimeout(1000);

		const after = await settle();
		expect(after.heights, 'forged heights were ignored').toEqual(before.heights);
		const figuresAfter = await Promise.all(frames.map(view));
		figuresAfter.forEach((seen, i) => {
			expect(seen.href, 'the embed stayed where it was').toBe(figuresBefore[i].href);
			expect(seen.status).toBe('ready');
			expect(seen.runs, 'no message made the model run again').toBe(figuresBefore[i].runs);
			expect(seen.results, 'the figure shows the same numbers').toBe(figuresBefore[i].results);
		});
	});

	test('embed.js loaded as type="module" resizes the figure too', async () => {
		const { page } = await browser.newPage();
		const query = new URLSearchParams({ site: browser.baseURL, module: '1' });
		query.append('src', browser.baseURL + withQuery(EMBEDS[0], { backend: 'wasm' }));
		await page.goto(`${host.origin}/blog.html?${query}`);
		expect(await page.locator('script[type="module"][src$="/embed.js"]').count()).toBe(1);
		const frame = page.frames().find((f) => f.url().startsWith(browser.baseURL + EMBEDS[0]));
		if (!frame) throw new Error(`no frame for ${EMBEDS[0]}`);
		await frame.waitForFunction(() => (window as VlabWindow).__vlab?.lastDrawnAt != null, null, { timeout: 90_000, polling: 100 });
		let height = 240;
		let content = 0;
		for (let attempt = 0; attempt < 40; attempt++) {
			[height] = await iframeHeights(page);
			content = (await view(frame)).contentHeight;
			if (Math.abs(height - content) <= 2) break;
			await page.waitForTimeout(250);
		}
		expect(height, 'the iframe left its initial 240 px').not.toBe(240);
		expect(Math.abs(height - content), `iframe is ${height}px for ${content}px of content`).toBeLessThanOrEqual(2);
	});
});
