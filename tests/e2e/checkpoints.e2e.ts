/**
 * Checkpoints in a real browser (diffusion schedules, WASM): the figure a checkpoint asks about is
 * veiled; a wrong answer and a right one each reveal the reader's answer beside the computed one;
 * the marker is answered with the keyboard alone, or by dragging it on the figure's own axis; once every checkpoint before it is answered the
 * figure is unveiled. axe finds nothing serious with checkpoints open and answered. Screenshots of
 * a checkpoint before and after its reveal at 1280 and 390 px, light and dark, land in
 * test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { makeSchedule, type ScheduleKind } from '../../labs/diffusion-schedules/schedules';
import { axeViolationsNow } from './support/axe';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

/** One Chromium for the file (a launch costs about two seconds of CPU). */
const browser = useBrowser('wasm');

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const LAB = withQuery('/labs/diffusion-schedules', { backend: 'wasm' });

const checkpoint = (page: Page, id: string) => page.locator(`[data-checkpoint-id="${id}"]`);

async function prompt(page: Page, id: string): Promise<string> {
	const p = checkpoint(page, id).locator('.prompt');
	await p.waitFor();
	return (await p.textContent()) ?? '';
}

describe('checkpoints: commit, then reveal', () => {
	test('a wrong answer and a right one, each revealed beside the computed answer; the figure unveils', async () => {
		const { page } = await browser.open(LAB, { reducedMotion: 'reduce' });
		await waitForLabReady(page);
		const veiled = page.locator('figure[data-figure="forward-2d"] [data-veiled]');
		await expect.poll(() => veiled.count()).toBe(1);
		expect(await axeViolationsNow(page)).toEqual([]);

		// Wrong: ᾱ is a share, never 5.
		const signal = checkpoint(page, 'signal-at');
		await prompt(page, 'signal-at');
		await signal.getByRole('textbox', { name: /Your answer/ }).fill('5');
		await signal.getByTestId('checkpoint-commit').click();
		const wrong = signal.getByTestId('checkpoint-reveal');
		await wrong.waitFor();
		expect(await wrong.textContent()).toContain('✗ Not quite');
		expect(await signal.getByTestId('checkpoint-given').textContent()).toBe('5');
		expect(await signal.getByTestId('checkpoint-expected').textContent()).toMatch(/^ᾱ = 0?\.\d+|^ᾱ = \d/);
		// The other checkpoint on the same figure is still open: the figure stays veiled.
		expect(await veiled.count()).toBe(1);

		// Right: computed here from the schedule the prompt names.
		const text = await prompt(page, 'balance');
		const [, name, T] = /^(\w+) schedule, T = (\d+)/.exec(text)!;
		const schedule = makeSchedule(name.toLowerCase() as ScheduleKind, Number(T));
		const t = schedule.alphaBar.findIndex((a) => a < 0.5);
		const balance = checkpoint(page, 'balance');
		await balance.getByRole('textbox', { name: /Your answer/ }).fill(String(t + 3));
		await balance.getByRole('textbox', { name: /Your answer/ }).press('Enter');
		const right = balance.getByTestId('checkpoint-reveal');
		await right.waitFor();
		expect(await right.textContent()).toContain('✓ Right');
		expect(await balance.getByTestId('checkpoint-expected').textContent()).toBe(`t = ${t}`);
		await expect.poll(() => veiled.count()).toBe(0);
		// The page now shows the asked schedule.
		expect(await page.evaluate(() => (window as unknown as { __vlab: { state: { schedule: string } } }).__vlab.state.schedule)).toBe(name.toLowerCase());
		expect(await axeViolationsNow(page)).toEqual([]);
	});

	test('keyboard only: place the marker with the arrow keys, commit with Enter', async () => {
		const { page } = await browser.open(LAB, { reducedMotion: 'reduce' });
		await waitForLabReady(page);
		const one = checkpoint(page, 'one-percent');
		await prompt(page, 'one-percent');
		const slider = one.getByRole('slider');
		await slider.focus();
		await page.keyboard.press('End');
		await page.keyboard.press('Tab');
		const commit = one.getByTestId('checkpoint-commit');
		expect(await commit.evaluate((el) => el === document.activeElement)).toBe(true);
		await page.keyboard.press('Enter');
		await one.getByTestId('checkpoint-reveal').waitFor();
		// The verdict heading takes focus, so a keyboard or screen-reader user lands on the result.
		expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H4');
		await expect.poll(() => page.locator('figure[data-figure="schedules"] [data-veiled]').count()).toBe(0);
	});

	// One load per width: the theme follows the emulated color scheme live, so both are shot in place.
	for (const width of [1280, 390])
		test(`screenshots before and after the reveal, ${width} px, light and dark`, async () => {
			mkdirSync(OUT_DIR, { recursive: true });
			const { page } = await browser.open(LAB, { viewport: { width, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
			await waitForLabReady(page);
			const one = checkpoint(page, 'one-percent');
			await prompt(page, 'one-percent');
			await one.scrollIntoViewIfNeeded();
			await page.evaluate(() => document.fonts.ready);
			const shoot = async (moment: string) => {
				await one.evaluate((el) => el.scrollIntoView({ block: 'start' }));
				for (const theme of ['light', 'dark'] as const) {
					await page.emulateMedia({ colorScheme: theme });
					await page.screenshot({ path: `${OUT_DIR}checkpoint-${moment}-${width}-${theme}.png` });
				}
				await page.emulateMedia({ colorScheme: 'light' });
			};
			await shoot('before');
			const slider = one.getByRole('slider');
			if (width === 1280) {
				// On the figure itself: started on, the page shows the asked T; the figure keeps its
				// axes in sight and hides its marks; a drag there answers.
				const T = Number(/T = (\d+)/.exec(await prompt(page, 'one-percent'))![1]);
				await slider.focus();
				const figure = page.locator('figure[data-figure="schedules"]');
				await expect.poll(() => figure.locator('.marks-veiled').count()).toBe(1);
				await expect.poll(() => page.evaluate(() => (window as unknown as { __vlab: { resultsFor: { T: number } | null } }).__vlab.resultsFor?.T)).toBe(T);
				await page.waitForTimeout(200);
				await page.screenshot({ path: `${OUT_DIR}checkpoint-marker-on-figure-${width}.png` });
				const area = figure.locator('[data-testid="figure-marker"] rect').first();
				const box = (await area.boundingBox())!;
				await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
				await page.mouse.down();
				await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
				await page.mouse.up();
				// 70% of the way along the chart's own x axis [0, T], read back from the slider.
				const placed = Number(await slider.getAttribute('aria-valuetext'));
				expect(Math.abs(placed - 0.7 * T)).toBeLessThan(0.03 * T);
			} else {
				await slider.focus();
				for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
			}
			await one.getByTestId('checkpoint-commit').click();
			await one.getByTestId('checkpoint-reveal').waitFor();
			await page.waitForTimeout(300);
			await shoot('after');
			const box = await page.evaluate(() => document.scrollingElement!.scrollWidth);
			if (width === 390) expect(box).toBeLessThanOrEqual(390);
		});
});

describe('an embed carries its checkpoint (?checkpoint=…)', () => {
	test('the embed opens on the question, the figure veiled until the answer', async () => {
		const { page } = await browser.open(withQuery('/embed/diffusion-schedules/schedules', { backend: 'wasm', checkpoint: 'one-percent' }), {
			viewport: { width: 700, height: 900 },
			reducedMotion: 'reduce'
		});
		await waitForLabReady(page);
		const one = checkpoint(page, 'one-percent');
		await prompt(page, 'one-percent');
		await expect.poll(() => page.locator('figure[data-figure="schedules"] [data-veiled]').count()).toBe(1);
		await one.getByRole('button', { name: 'Show me the answer' }).click();
		await one.getByTestId('checkpoint-reveal').waitFor();
		expect(await one.getByTestId('checkpoint-given').textContent()).toBe('none given');
		await expect.poll(() => page.locator('figure[data-figure="schedules"] [data-veiled]').count()).toBe(0);
		mkdirSync(OUT_DIR, { recursive: true });
		await page.screenshot({ path: `${OUT_DIR}checkpoint-embed-700-light.png`, fullPage: true });
	});
});
