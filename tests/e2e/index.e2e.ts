import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/guard';
import { LIVE_LABS, UPCOMING_LABS } from './support/site';

describe('index page', () => {
	const browser = useBrowser('wasm');

	test('lists each live lab as a link to its page', async () => {
		const { page } = await browser.open('/');
		for (const lab of LIVE_LABS) {
			// What matters is where the prerendered href leads, however it is written.
			const link = page.locator(`a[href$="labs/${lab.slug}"]`);
			await expect(link.count(), `a link to /labs/${lab.slug}`).resolves.toBeGreaterThanOrEqual(1);
			await expect(link.first().evaluate((a: HTMLAnchorElement) => a.href)).resolves.toBe(`${browser.baseURL}/labs/${lab.slug}`);
			await expect(link.first().isVisible()).resolves.toBe(true);
			await expect(link.first().innerText()).resolves.toMatch(lab.title);
		}
	});

	test('lists the upcoming labs as "coming soon", not as links', async () => {
		const { page } = await browser.open('/');
		for (const lab of UPCOMING_LABS) {
			const title = page.getByText(lab.title, { exact: true });
			await expect(title.count(), `"${lab.title}" on the index`).resolves.toBeGreaterThanOrEqual(1);
			const where = await title.first().evaluate((el) => {
				// The smallest ancestor that says "coming soon" is the lab's card.
				let card: Element | null = el;
				while (card && !/coming soon/i.test(card.textContent ?? '')) card = card.parentElement;
				return {
					insideLink: el.closest('a') !== null,
					card: card ? card.tagName : null,
					linksInCard: card && card !== document.body ? card.querySelectorAll('a[href]').length : -1
				};
			});
			expect(where.insideLink, `"${lab.title}" must not be a link`).toBe(false);
			expect(where.card, `"${lab.title}" is marked "coming soon"`).not.toBeNull();
			expect(where.linksInCard, `the "${lab.title}" card has no links`).toBe(0);
			await expect(page.locator(`a[href*="/labs/${lab.slug}"]`).count()).resolves.toBe(0);
		}
	});

	test('the live lab link opens the lab page', async () => {
		const { page } = await browser.open('/');
		const lab = LIVE_LABS[0];
		await Promise.all([page.waitForURL(`**/labs/${lab.slug}`), page.locator(`a[href="/labs/${lab.slug}"]`).first().click()]);
		await expect(page.locator('h1').first().innerText()).resolves.toMatch(lab.title);
	});
});
