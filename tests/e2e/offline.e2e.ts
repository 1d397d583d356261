/**
 * Offline for classrooms: after one visit the service worker has cached the site, its models
 * and the runtime; with the network off, two live pages reload and their models still run.
 * (The other e2e files block service workers: see useBrowser.)
 */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/guard';
import { sitePages, withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';
import type { Page } from 'playwright-core';

/** The worker installs in the background: wait until it is active and has cached the runtime. */
async function waitForOfflineCache(page: Page): Promise<void> {
	await page.waitForFunction(
		async () => {
			await navigator.serviceWorker.ready;
			for (const name of await caches.keys()) {
				const keys = await (await caches.open(name)).keys();
				if (keys.some((request) => request.url.endsWith('.wasm'))) return true;
			}
			return false;
		},
		null,
		{ timeout: 120_000, polling: 500 }
	);
}

describe('offline after one visit', () => {
	const browser = useBrowser('wasm');
	const pages = sitePages()
		.filter((p) => p.live && !p.embed)
		.concat(sitePages().filter((p) => p.live && p.embed))
		.slice(0, 2);

	test(`${pages.map((p) => p.path).join(' and ')} reload and run with the network off`, async () => {
		const { page, context } = await browser.open(withQuery(pages[0].path, { backend: 'wasm' }), { serviceWorkers: 'allow' });
		// A first visit registers the worker seconds after the load event, not during it: its
		// ~30 MB precache would compete with the runtime and the models. (Registering at mount, as
		// it used to, is done well within this second.)
		await page.waitForTimeout(1000);
		expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 'registered at load').toBe(0);
		await waitForLabReady(page);
		await waitForOfflineCache(page);
		await page.reload();
		await page.getByText('Available offline').waitFor({ state: 'visible', timeout: 30_000 });

		await context.setOffline(true);
		for (const { path } of pages) {
			const response = await page.goto(browser.baseURL + withQuery(path, { backend: 'wasm' }));
			expect(response?.fromServiceWorker(), `${path} came from the service worker`).toBe(true);
			const snap = await waitForLabReady(page);
			expect(snap.backend).toBe('wasm');
			expect(snap.runs).toBeGreaterThanOrEqual(1);
		}
	});
});

describe('offline from a presentation alone', () => {
	const browser = useBrowser('wasm');
	const slug = sitePages().find((p) => p.live && !p.embed)?.path.split('/').pop();

	test('a reader who only ever opened /present/<slug> can reload it with the network off', async () => {
		const path = `/present/${slug}`;
		const { page, context } = await browser.open(withQuery(path, { backend: 'wasm', scene: 1 }), { serviceWorkers: 'allow' });
		await waitForLabReady(page);
		await waitForOfflineCache(page);
		await context.setOffline(true);
		const response = await page.reload();
		expect(response?.fromServiceWorker(), `${path} came from the service worker`).toBe(true);
		const snap = await waitForLabReady(page);
		expect(snap.backend).toBe('wasm');
		await page.getByText('Available offline').waitFor({ state: 'visible', timeout: 30_000 });
	});
});
