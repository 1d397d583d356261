/**
 * One tour of every page of the site, in as few loads as the checks allow: each load of a lab
 * runs its models, and those loads are most of what the e2e suite costs. Per page, one load, at
 * 1280 × 800 and then narrowed in place to 390 × 844:
 * - screenshots for a person to look at, light then dark (the theme follows the emulated color
 *   scheme live: theme.css), full page, into test-results/screenshots/;
 * - axe-core finds no serious or critical violation, light and dark (at 1280, on the index, every
 *   lab page and one single-figure embed; dark runs the colour rules, the rest cannot change);
 * - a lab page's first screen shows its hero figure (moved out of the article, not repeated), no
 *   figure still says it is computing, and nothing is wider than the phone;
 * - an embed at 390 leads with its figure, keeps the backend in its ⋯ menu, and its captions stand
 *   alone;
 * and the high-contrast theme at 1280, switched in place as `?theme=contrast` does on mount, for
 * every page but the single-figure embeds (their whole-lab embed shows them).
 *
 * The checks use expect.soft, after the screenshots: one failing check still leaves the pictures
 * that show why, and the rest of the page's checks still report.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { liveLabs } from '../../src/lib/labs/registry';
import { axeViolations, COLOUR_RULES } from './support/axe';
import { useBrowser } from './support/guard';
import { sitePages, withQuery, type SitePage } from './support/site';
import { waitForLabReady } from './support/vlab';

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SCREENS = [
	{ width: 1280, height: 800 },
	{ width: 390, height: 844 }
] as const;
const SCHEMES = ['light', 'dark'] as const;

const pages = sitePages();
const axePages = new Set(
	[pages.find((p) => p.name === 'index'), ...pages.filter((p) => p.live && !p.embed), pages.find((p) => p.embed && p.figure)].map((p) => p?.path)
);

/** Waits until the page's height holds still over a few frames (charts re-measure after a resize, then redraw). */
async function settledLayout(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const frame = () => new Promise((done) => requestAnimationFrame(done));
		let last = -1;
		for (let i = 0, still = 0; i < 60 && still < 3; i++) {
			await frame();
			const now = document.documentElement.scrollHeight;
			still = now === last ? still + 1 : 0;
			last = now;
		}
	});
}

/** A lab page's first screen: its hero, once, with its chart on screen; nothing still computing. */
async function checkFirstScreen(page: Page, slug: string, screen: (typeof SCREENS)[number]): Promise<void> {
	const hero = liveLabs.find((lab) => lab.slug === slug)?.hero;
	expect.soft(hero, `${slug} declares a hero figure`).toBeTruthy();
	const layout = await page.evaluate((hero) => {
		const figures = document.querySelectorAll(`figure[data-figure="${hero}"]`);
		const figure = figures[0];
		const chart = figure?.querySelector('.body');
		const top = (el: Element | null | undefined) => (el ? el.getBoundingClientRect().top + scrollY : null);
		return {
			copies: figures.length,
			figureTop: top(figure),
			chartTop: top(chart),
			scrollWidth: document.scrollingElement?.scrollWidth ?? Infinity,
			stillComputing: document.querySelectorAll('[data-testid="figure-computing"], figure[aria-busy="true"]').length
		};
	}, hero);
	const at = `at ${screen.width}×${screen.height}`;
	expect.soft(layout.copies, `${at}: the hero figure appears once (moved, not repeated)`).toBe(1);
	expect.soft(layout.figureTop ?? Infinity, `${at}: the hero starts inside the first screen`).toBeLessThan(screen.height);
	expect.soft(layout.figureTop ?? -1, `${at}: the hero starts inside the first screen`).toBeGreaterThanOrEqual(0);
	expect.soft(layout.chartTop ?? Infinity, `${at}: the hero's chart, not only its title, starts on the first screen`).toBeLessThan(screen.height);
	if (screen.width === 390) expect.soft(layout.scrollWidth, 'nothing overflows the phone sideways').toBeLessThanOrEqual(390);
	expect.soft(layout.stillComputing, `${at}: no figure says "computing" once the model has answered`).toBe(0);
}

/** An embed on a phone: its figure first, the backend behind ⋯, captions that stand alone. */
async function checkEmbedOnPhone(page: Page, embed: SitePage): Promise<void> {
	// The figure itself (its first chart or canvas), not controls, fills the first screen.
	const box = await page.locator(`${embed.figure ? `[data-figure="${embed.figure}"]` : '[data-figure]'} :is(svg, canvas)`).first().boundingBox();
	expect.soft(box, 'the figure draws an svg or a canvas').not.toBeNull();
	expect.soft(box?.y ?? Infinity, `the figure starts ${box?.y}px down`).toBeLessThanOrEqual(120);

	// The backend switch is there, but only once the reader opens the menu.
	const select = page.locator('[data-testid="backend-status"] select');
	expect(await select.count()).toBe(1);
	expect.soft(await select.isVisible(), 'the backend select is hidden at first').toBe(false);
	const more = page.getByRole('button', { name: /^More/ });
	await more.click();
	expect.soft(await more.getAttribute('aria-expanded')).toBe('true');
	expect.soft(await select.isVisible(), 'the menu shows the backend select').toBe(true);
	expect.soft(await select.inputValue()).toBe('wasm');
	expect.soft(await page.getByRole('link', { name: /Open the full lab/ }).getAttribute('href')).toMatch(/^\/labs\/[a-z-]+/);
	await select.focus();
	await page.keyboard.press('Escape');
	expect.soft(await select.isVisible(), 'Escape closes the menu').toBe(false);
	expect.soft(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^More/);

	// An embed has no "other figures" and no figure numbers to point at.
	const captions = await page.locator('figcaption').evaluateAll((els) => els.map((el) => el.textContent ?? ''));
	expect.soft(captions.length).toBeGreaterThan(0);
	for (const caption of captions) expect.soft(caption, 'a caption that stands alone').not.toMatch(/other figures?|\bfigures? \d/i);
}

describe('every page: screenshots, axe, first screen, embeds on a phone', () => {
	const browser = useBrowser('wasm');
	mkdirSync(OUT_DIR, { recursive: true });

	for (const target of pages) {
		const contrast = !target.figure;
		const scan = axePages.has(target.path);
		const checks = [scan && 'axe', !target.embed && target.live && 'first screen', target.embed && 'phone layout'].filter(Boolean);
		// Two loads of a live lab, each waiting for its model, and axe on a long page: more than the default 120 s on a busy machine.
		test(`${target.path}${checks.length ? ` (${checks.join(', ')})` : ''}`, { timeout: 300_000 }, async () => {
			const path = target.live ? withQuery(target.path, { backend: 'wasm' }) : target.path;
			const { page } = await browser.newPage({ viewport: { ...SCREENS[0] }, colorScheme: 'light', reducedMotion: 'reduce' });
			const found: Record<string, string[]> = {};
			// One load: the phone width is the same page narrowed in place (a window resized, a phone
			// turned), which is the same CSS a phone's first load gets and half the model runs.
			const response = await page.goto(browser.baseURL + path, { waitUntil: 'load' });
			if (!response || response.status() !== 200) throw new Error(`GET ${path} answered ${response?.status() ?? 'nothing'}`);
			for (const screen of SCREENS) {
				await page.emulateMedia({ colorScheme: 'light' });
				if (screen !== SCREENS[0]) {
					await page.evaluate(() => void delete document.documentElement.dataset.theme);
					await page.setViewportSize({ ...screen });
					await settledLayout(page);
				}
				const ready = target.live ? await waitForLabReady(page).catch((error: unknown) => error) : null;
				// Figures with runs of their own (diffusion's guidance samples) finish after the lab is
				// ready; they say so (aria-busy) and are waited for, up to a minute.
				await page.waitForSelector('figure[aria-busy="true"]', { state: 'detached', timeout: 60_000 }).catch(() => undefined);
				await page.evaluate(() => document.fonts.ready);
				if (target.live && !target.embed && !(ready instanceof Error)) await checkFirstScreen(page, target.path.split('/').pop()!, screen);
				const themes = contrast && screen.width === 1280 ? [...SCHEMES, 'contrast'] : SCHEMES;
				for (const theme of themes) {
					if (theme === 'dark') await page.emulateMedia({ colorScheme: 'dark' });
					// What ?theme=contrast does on mount (ThemeFromQuery), and the presentation's `c` key, in place.
					if (theme === 'contrast') await page.evaluate(() => void (document.documentElement.dataset.theme = 'contrast'));
					// axe before the picture: a full-page screenshot resizes the viewport for a moment, and
					// the page re-lays out after it (once, axe run just after one saw KaTeX text fail contrast in dark).
					// Dark is the same page in other colours: its second scan runs the colour rules only.
					if (scan && screen.width === 1280 && theme !== 'contrast') found[theme] = await axeViolations(page, theme === 'dark' ? COLOUR_RULES : undefined);
					await page.screenshot({ path: `${OUT_DIR}${target.name}-${screen.width}-${theme}.png`, fullPage: true });
				}
				if (ready instanceof Error) throw ready;
				if (target.embed && screen.width === 390) await checkEmbedOnPhone(page, target);
			}
			if (scan) expect.soft(found, 'axe: serious or critical violations').toEqual({ light: [], dark: [] });
		});
	}
});
