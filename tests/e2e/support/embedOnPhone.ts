/**
 * An embed read on a phone, framed in a blog's 390 px column: its figure leads (not its
 * controls), the backend switch waits behind the ⋯ menu, and its captions stand alone.
 */
import { expect } from 'vitest';
import type { Frame, Keyboard } from 'playwright-core';

/** The figure's first chart or canvas starts this far down the embed, at most. */
const MAX_FIGURE_TOP_PX = 120;

export async function checkEmbedOnPhone(frame: Frame, keyboard: Keyboard, figure: string | undefined, runsModels: boolean): Promise<void> {
	// The figure itself (its first chart or canvas), not controls, fills the first screen.
	const chart = frame.locator(`${figure ? `[data-figure="${figure}"]` : '[data-figure]'} :is(svg, canvas)`).first();
	const top = await chart.evaluate((el) => el.getBoundingClientRect().top + scrollY).catch(() => null);
	expect.soft(top, 'the figure draws an svg or a canvas').not.toBeNull();
	expect.soft(top ?? Infinity, `the figure starts ${top}px down`).toBeLessThanOrEqual(MAX_FIGURE_TOP_PX);
	expect.soft(await frame.evaluate(() => document.documentElement.scrollWidth), 'nothing wider than the column').toBeLessThanOrEqual(390);

	// The backend switch is there, but only once the reader opens the menu (a lab of formulas
	// has no backend to switch: its menu says so).
	const select = frame.locator('[data-testid="backend-status"] select');
	expect(await select.count()).toBe(runsModels ? 1 : 0);
	const status = frame.getByTestId('backend-status');
	expect.soft(await status.isVisible(), 'the backend status is hidden at first').toBe(false);
	const more = frame.getByRole('button', { name: /^More/ });
	await more.click();
	expect.soft(await more.getAttribute('aria-expanded')).toBe('true');
	expect.soft(await status.isVisible(), 'the menu shows the backend status').toBe(true);
	if (runsModels) expect.soft(await select.inputValue()).toBe('wasm');
	else expect.soft(await status.innerText()).toMatch(/formulas: no model to load/);
	const link = frame.getByRole('link', { name: /Open the full lab/ });
	expect.soft(await link.getAttribute('href')).toMatch(/^\/labs\/[a-z-]+/);
	await (runsModels ? select : link).focus();
	await keyboard.press('Escape');
	expect.soft(await status.isVisible(), 'Escape closes the menu').toBe(false);
	expect.soft(await frame.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^More/);

	// An embed has no "other figures" and no figure numbers to point at.
	const captions = await frame.locator('figcaption').evaluateAll((els) => els.map((el) => el.textContent ?? ''));
	expect.soft(captions.length).toBeGreaterThan(0);
	for (const caption of captions) expect.soft(caption, 'a caption that stands alone').not.toMatch(/other figures?|\bfigures? \d/i);
}
