/**
 * Other forms of a lab's address reach the lab (/labs/x/ and /labs/x.html, which static hosts
 * serve), and an address the site does not have gets the site's own "not found" page with a
 * way back, not a plain-text 404.
 */
import { describe, expect, test } from 'vitest';
import { useBrowser, type GuardedPage } from './support/guard';
import { LIVE_LABS } from './support/site';
import { waitForLabReady } from './support/vlab';

const lab = LIVE_LABS[0];

/** Chromium logs the 404 of the page itself, and SvelteKit an unmatched route: expected here. */
function forgiveNotFound(guarded: GuardedPage): void {
	const expected = (p: string) => /status of 404/.test(p) || /Not found: \//.test(p);
	const kept = guarded.problems.filter((p) => !expected(p));
	guarded.problems.splice(0, guarded.problems.length, ...kept);
}

describe('routes', () => {
	const browser = useBrowser('wasm');

	for (const form of [`/labs/${lab.slug}/`, `/labs/${lab.slug}.html`]) {
		test(`${form} shows the lab, styled, and runs it`, async () => {
			const { page } = await browser.open(`${form}?backend=wasm`);
			const snap = await waitForLabReady(page);
			expect(snap.backend).toBe('wasm');
			await expect(page.locator('h1').first().innerText()).resolves.toMatch(lab.title);
			await expect(page.getByText(/There is no lab called/).count()).resolves.toBe(0);
			// The site's stylesheet loaded: the theme's variables are defined.
			const fontSans = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--font-sans'));
			expect(fontSans.trim()).not.toBe('');
		});
	}

	for (const path of [`/labs/no-such-lab`, `/present/no-such-lab`, `/embed/${lab.slug}/no-such-figure`, `/no/such/page`]) {
		test(`${path} answers 404 with the site's page and a way back`, async () => {
			const guarded = await browser.newPage();
			const { page } = guarded;
			const response = await page.goto(browser.baseURL + path);
			expect(response?.status()).toBe(404);
			await page.getByRole('heading', { name: 'Page not found' }).waitFor({ timeout: 30_000 });
			const back = page.getByRole('link', { name: /Back to all labs/ });
			await back.click();
			await page.waitForURL(`${browser.baseURL}/`);
			await expect(page.getByRole('link', { name: new RegExp(lab.title.source, 'i') }).count()).resolves.toBeGreaterThan(0);
			forgiveNotFound(guarded);
		});
	}
});
