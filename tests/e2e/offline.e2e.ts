/**
 * Offline for classrooms: after one visit the service worker has cached the site, its models
 * and the runtime; with the network off, two live pages reload and their models still run, on
 * WebAssembly, and a presentation on WebGPU. ORT's WebGPU runtime is cached only by a browser
 * that runs it (src/lib/cache/webgpuRuntimeOffline.ts): the one with no WebGPU adapter never
 * stores it. (The other e2e files block service workers: see useBrowser.)
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

/** The cached URLs, in every cache, that are ORT's WebGPU (jspi) runtime. */
function cachedWebgpuRuntime(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const found: string[] = [];
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys()) if (/\.jspi\.[\w-]+\.wasm$/.test(request.url)) found.push(`${name}: ${request.url}`);
		}
		return found;
	});
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
		// This browser has JSPI but no WebGPU adapter: ORT's WebGPU build is of no use to it.
		expect(await page.evaluate(async () => typeof (WebAssembly as { Suspending?: unknown }).Suspending === 'function' && (await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()) == null)).toBe(true);
		expect(await cachedWebgpuRuntime(page), 'no WebGPU runtime cached without an adapter').toEqual([]);

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

describe('offline from a presentation alone, on WebGPU', () => {
	const browser = useBrowser('webgpu');
	const slug = sitePages().find((p) => p.live && !p.embed)?.path.split('/').pop();

	test('a reader who only ever opened /present/<slug> can reload it with the network off, and it still runs on WebGPU', async () => {
		const path = `/present/${slug}`;
		const { page, context } = await browser.open(withQuery(path, { scene: 1 }), { serviceWorkers: 'allow' });
		expect((await waitForLabReady(page)).backend).toBe('webgpu');
		await waitForOfflineCache(page);
		// The page caches ORT's WebGPU runtime itself once the worker has installed.
		await expect.poll(() => cachedWebgpuRuntime(page), { timeout: 60_000, interval: 500 }).toHaveLength(1);
		await context.setOffline(true);
		const response = await page.reload();
		expect(response?.fromServiceWorker(), `${path} came from the service worker`).toBe(true);
		const snap = await waitForLabReady(page);
		expect(snap.backend, 'offline, still on WebGPU').toBe('webgpu');
		await page.getByText('Available offline').waitFor({ state: 'visible', timeout: 30_000 });
	});
});
