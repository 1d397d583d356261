/**
 * One tour of a page as loaded: at 1280 × 800 and then narrowed in place to 390 × 844 (a window
 * resized, a phone turned: the same CSS a phone's first load gets, and one model run, not two):
 * - axe-core finds no serious or critical violation, light and dark (at 1280; dark runs the
 *   colour rules, the rest cannot change);
 * - switching the theme starts no CSS transition (the tour asks for reduced motion);
 * - a lab page's first screen shows its hero figure (moved out of the article, not repeated), no
 *   figure still says it is computing, and nothing is wider than the phone;
 * - with a folder for them, screenshots, full page, light then dark (the theme follows the
 *   emulated colour scheme live: theme.css), and the high-contrast theme at 1280 (switched in place
 *   as `?theme=contrast` does on mount) for all but the single-figure embeds.
 * A lab page's tour runs in lab.e2e.ts, on the load that checks its model; pages.e2e.ts tours the
 * other pages (and, for `npm run shots`, every page).
 *
 * The checks use expect.soft, after the screenshots: one failing check still leaves the pictures
 * that show why, and the rest of the page's checks still report.
 */
import { expect } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { liveLabs } from '../../../src/lib/labs/registry';
import { axeViolations, COLOUR_RULES } from './axe';
import type { SitePage } from './site';
import { waitForLabReady } from './vlab';

export const SCREENS = [
	{ width: 1280, height: 800 },
	{ width: 390, height: 844 }
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** The context a toured page opens in: the first screen, light, no motion. */
export const TOUR_CONTEXT: BrowserContextOptions = { viewport: { ...SCREENS[0] }, colorScheme: 'light', reducedMotion: 'reduce' };

export interface TourOptions {
	/** Run axe (light and dark, at 1280). */
	scan: boolean;
	/** Where screenshots go (null: none). */
	shotsDir: string | null;
}

/** Tours `page`, already loaded at TOUR_CONTEXT's size from `target.path` (see the file's comment). */
export async function tourPage(page: Page, target: Pick<SitePage, 'name' | 'path' | 'live' | 'embed' | 'figure'>, { scan, shotsDir }: TourOptions): Promise<void> {
	const contrast = !target.figure;
	const found: Record<string, string[]> = {};
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
		if (screen === SCREENS[0]) expect.soft(await transitionsOnThemeSwitch(page), 'CSS transitions a theme switch starts when the reader asks for reduced motion').toBe(0);
		const pictured = contrast && screen.width === 1280 ? [...SCHEMES, 'contrast'] : SCHEMES;
		const themes = shotsDir ? pictured : scan && screen.width === 1280 ? SCHEMES : [];
		for (const theme of themes) {
			// Chromium does not restyle a `content-visibility: auto` block while it is off screen,
			// and getComputedStyle there still answers the light colours (a reader scrolling to it
			// sees dark): axe reads each block as it is drawn once on screen. The blocks are drawn
			// before the switch, not after: unlocked after it, in a full run here, a few of the
			// optimizers lab's KaTeX superscripts kept the light text on the dark page through both
			// of axe's looks, 1.5 s apart.
			if (theme === 'dark') {
				await showSkippedContent(page, true);
				await page.emulateMedia({ colorScheme: 'dark' });
			}
			// What ?theme=contrast does on mount (ThemeFromQuery), and the presentation's `c` key, in place.
			if (theme === 'contrast') await page.evaluate(() => void (document.documentElement.dataset.theme = 'contrast'));
			// axe before the picture: a full-page screenshot resizes the viewport for a moment, and
			// the page re-lays out after it (once, axe run just after one saw KaTeX text fail contrast in dark).
			// Dark is the same page in other colours: its second scan runs the colour rules only.
			if (scan && screen.width === 1280 && theme !== 'contrast') found[theme] = await axeViolations(page, theme === 'dark' ? COLOUR_RULES : undefined);
			if (shotsDir) await page.screenshot({ path: `${shotsDir}${target.name}-${screen.width}-${theme}.png`, fullPage: true });
		}
		await showSkippedContent(page, false);
		if (ready instanceof Error) throw ready;
	}
	if (scan) expect.soft(found, 'axe: serious or critical violations').toEqual({ light: [], dark: [] });
}

/**
 * How many CSS transitions switching the page to the contrast theme and back starts, counted in
 * the same task as the switch (a transition may end before the next look from outside). The tour
 * asks for reduced motion: the answer must be none. The common reset `transition-duration: 0.01ms`
 * made one for every colour of every element, and seconds of style work per switch.
 */
function transitionsOnThemeSwitch(page: Page): Promise<number> {
	return page.evaluate(() => {
		const root = document.documentElement;
		const before = root.dataset.theme;
		// Reading a computed colour and a size makes the page restyle now, in this task.
		const restyle = () => [getComputedStyle(document.body).color, document.body.offsetHeight];
		restyle();
		root.dataset.theme = 'contrast';
		restyle();
		const started = document.getAnimations().filter((a) => a instanceof CSSTransition).length;
		if (before === undefined) delete root.dataset.theme;
		else root.dataset.theme = before;
		restyle();
		return started;
	});
}

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

/** How much of the hero's chart a first screen must show (the phone's control bar covers 45 px of it). */
const HERO_SHOWN_PX = 100;

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
	// More than its top edge: a chart starting at the screen's foot is below the fold in all but name.
	expect.soft(layout.chartTop ?? Infinity, `${at}: at least ${HERO_SHOWN_PX} px of the hero's chart on the first screen`).toBeLessThanOrEqual(screen.height - HERO_SHOWN_PX);
	if (screen.width === 390) expect.soft(layout.scrollWidth, 'nothing overflows the phone sideways').toBeLessThanOrEqual(390);
	expect.soft(layout.stillComputing, `${at}: no figure says "computing" once the model has answered`).toBe(0);
	// The control panel and the checkpoints scroll up and down, never sideways: a control or an
	// answer grid wider than its box must wrap, or scroll inside its own part (a grid's .wrap).
	// Blocks the page skips off screen (content-visibility) measure as empty: drawn for the look.
	await showSkippedContent(page, true);
	const sideways = await page.evaluate(() =>
		Array.from(document.querySelectorAll<HTMLElement>('aside.panel, aside.checkpoint'))
			.filter((box) => box.scrollWidth > box.clientWidth + 1)
			.map((box) => `${box.dataset.checkpointId ?? 'control panel'}: ${box.scrollWidth} px of content in ${box.clientWidth}`)
	);
	await showSkippedContent(page, false);
	expect.soft(sideways, `${at}: nothing in the control panel or a checkpoint pushes it sideways`).toEqual([]);
}

/**
 * Draws (or lets the page skip again) every block the page marks `content-visibility: auto`,
 * through the CSSOM (the site's CSP refuses an injected stylesheet).
 */
async function showSkippedContent(page: Page, show: boolean): Promise<void> {
	await page.evaluate((show) => {
		for (const element of document.querySelectorAll<HTMLElement>(show ? 'body *' : '[data-shown-for-scan]')) {
			if (show && getComputedStyle(element).contentVisibility !== 'auto') continue;
			element.style.contentVisibility = show ? 'visible' : '';
			element.toggleAttribute('data-shown-for-scan', show);
		}
	}, show);
}
