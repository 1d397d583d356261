/**
 * A poll slide in the presentation view (issue 17, the classroom), one lab, one page load, at
 * 1920×1080: the arrow key from scene 1 reaches the poll before scene 2, which shows the question
 * and its options, large, with the answering figure veiled and no answer; `r` reveals the
 * computed answer and unveils the figure; nothing lands in the reader's practice progress; the
 * arrow key goes on to scene 2. Screenshots of the poll before and after the reveal land in
 * test-results/screenshots/poll-before.png and poll-after.png for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { vanishingGradients } from '../../labs/vanishing-gradients/lab';
import { useBrowser } from './support/guard';
import { overflow, smallText } from './support/slide';
import { waitForLabReady } from './support/vlab';

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' as const };
/** The progress store's key (src/lib/practice/store.svelte.ts), written out so a rename is noticed. */
const PROGRESS_KEY = 'vlab:practice-progress';

const heading = (page: Page) => page.locator('main h1').innerText();

async function fitsTheScreen(page: Page): Promise<string[]> {
	await page.evaluate(() => document.fonts.ready);
	await page.waitForSelector('.slide:not([data-fitting])', { timeout: 60_000 }).catch(() => undefined);
	const { down, across } = await overflow(page);
	return [...(down > 0 ? [`scrolls ${down} px down`] : []), ...(across > 0 ? [`scrolls ${across} px sideways`] : []), ...(await smallText(page, 20))];
}

describe('a poll slide in the presentation view', () => {
	const browser = useBrowser('wasm');

	test('the question without the answer; r reveals it on the figure; nothing is recorded', async () => {
		mkdirSync(OUT_DIR, { recursive: true });
		const scenes = vanishingGradients.scenes;
		const { page } = await browser.open('/present/vanishing-gradients?backend=wasm&scene=1', PROJECTOR);
		await waitForLabReady(page);
		expect(await heading(page)).toBe(scenes[0].title);

		// The variance figure first appears in scene 2, so its checkpoint's poll comes right before it.
		await page.keyboard.press('ArrowRight');
		const poll = page.getByTestId('poll');
		await expect.poll(() => poll.getAttribute('data-phase'), { timeout: 30_000 }).toBe('asking');
		expect(new URL(page.url()).searchParams.get('poll')).toBe('relu-init');
		expect(await heading(page)).toMatch(/^ReLU, depth 20, width 64: which weight init keeps the variance/);
		expect(await poll.locator('.options .letter').allTextContents()).toEqual(['A', 'B', 'C', 'D']);
		expect(await poll.locator('.options .label').allTextContents()).toEqual(['N(0, 1)', 'N(0, 0.01²)', 'Xavier', 'He']);
		expect(await page.getByTestId('poll-answer').count()).toBe(0);
		expect(await page.locator('figure[data-figure="variance"] [data-veiled]').count()).toBe(1);
		// The poll set the asked state behind the veil: ReLU, the case the question names.
		await expect.poll(() => page.evaluate(() => (window as unknown as { __vlab: { state: { act: string } } }).__vlab.state.act)).toBe('relu');
		await waitForLabReady(page);
		expect(await fitsTheScreen(page), 'the poll before the reveal').toEqual([]);
		await page.screenshot({ path: `${OUT_DIR}poll-before.png` });

		await page.keyboard.press('r');
		const answer = page.getByTestId('poll-answer');
		await answer.waitFor({ timeout: 60_000 });
		// He's Var(w) = 2/fan-in undoes ReLU halving the second moment (He et al. 2015).
		expect(await page.getByTestId('poll-expected').textContent()).toBe('He');
		expect(await poll.locator('.options li[data-right] .label').allTextContents()).toEqual(['He']);
		expect(await answer.textContent()).toMatch(/under He/);
		await expect.poll(() => page.locator('figure[data-figure="variance"] [data-veiled]').count()).toBe(0);
		await page.waitForTimeout(300);
		expect(await fitsTheScreen(page), 'the poll after the reveal').toEqual([]);
		await page.screenshot({ path: `${OUT_DIR}poll-after.png` });

		expect(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)).toBeNull();

		await page.keyboard.press('ArrowRight');
		await expect.poll(() => heading(page)).toBe(scenes[1].title);
		expect(new URL(page.url()).searchParams.get('scene')).toBe('2');
	}, 300_000);
});
