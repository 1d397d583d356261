/**
 * The build's pictures of figures, made from the built site right after `vite build` (`npm run
 * build` runs this). Nothing here is committed.
 * - Link-preview images (Open Graph, Twitter cards, oEmbed thumbnails): a 1200×630 card of the
 *   site's name, the lab's title and the figure, `build/previews/<slug>.png` (the lab's hero
 *   figure) and `build/previews/<slug>/<figure>.png` (each embeddable figure).
 * - The bare figure of each of those, `build/stills/<slug>/<figure>.png`: the index's lab cards
 *   show them.
 * - The bare figures again in the dark theme (`….dark.png`). The index and the embed gallery
 *   show the bare figures, dark to a reader whose OS is dark; link previews stay light.
 * - The height of each embeddable figure in its embed page, at an oEmbed iframe's width, written
 *   into its oEmbed response (`build/oembed/…`, prerendered with a guess).
 *
 * A figure is pictured from the lab page as prerendered, opened in headless Chromium with
 * JavaScript off (no runtime, so it takes seconds): the figures' first paint. A figure whose first
 * paint has no numbers yet (still "computing") is pictured from the live page instead, once the
 * model has drawn it (slow: the runtime and the lab's models load).
 *
 * It runs the tests' browser (HEADLESS_CHROMIUM_PATH in tests/e2e/support/chromium.ts). Without
 * it the build still succeeds, with a warning: there are then no pictures (pages link to missing
 * images) and the oEmbed heights stay a guess.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { escapeHtml } from '../src/lib/escapeHtml';
import { liveLabs } from '../src/lib/labs/registry';
import type { Lab } from '../src/lib/labs/types';
import { embedPath, oembedPath, PREVIEW_SIZE, previewPath, SITE_NAME, stillPath, type PictureScheme } from '../src/lib/share/links';
import { EMBED_WIDTH, figureEmbedHeight } from '../src/lib/share/oembed';
import { previewFigure } from '../src/lib/share/preview';
import { HEADLESS_CHROMIUM_PATH, launchChromium } from '../tests/e2e/support/chromium';
import { PICTURE_STYLE, PICTURE_VIEWPORT, picturedFigures } from './pictureSetup';
import { BUILD_DIR, serveBuild } from './serve';

/** Labs drawn at once: each runs its models; two cores. */
const AT_ONCE = 2;
const DRAW_TIMEOUT_MS = 90_000;
/** The schemes the figures are pictured in (link-preview cards: light only). */
const SCHEMES: PictureScheme[] = ['light', 'dark'];

interface Preview {
	/** Where it goes, under build/. */
	path: string;
	/** The figure it shows. */
	figure: string;
}

function previewsOf(lab: Lab): Preview[] {
	const hero = previewFigure(lab);
	const own = hero ? [{ path: previewPath(lab.slug), figure: hero.id }] : [];
	return [...own, ...lab.figures.filter((f) => f.embeddable).map((f) => ({ path: previewPath(lab.slug, f.id), figure: f.id }))];
}

function out(path: string): string {
	const file = join(BUILD_DIR, path);
	mkdirSync(dirname(file), { recursive: true });
	return file;
}

/** The card around a figure's picture (a blank page of its own: no site policy applies there). */
function cardHtml(title: string, picture: Buffer): string {
	return `<!doctype html><html><body style="margin:0;width:${PREVIEW_SIZE.width}px;height:${PREVIEW_SIZE.height}px;display:flex;flex-direction:column;background:#ffffff;color:#1b1d21;font-family:system-ui,'Noto Sans',Arial,sans-serif;box-sizing:border-box;border-top:10px solid #0072b2">
<div style="padding:22px 48px 6px"><div style="font-size:22px;color:#555b66">${escapeHtml(SITE_NAME)}</div><div style="font-size:40px;font-weight:700;line-height:1.15">${escapeHtml(title)}</div></div>
<div style="flex:1;min-height:0;display:flex;align-items:center;justify-content:center;padding:6px 48px 22px"><img alt="" src="data:image/png;base64,${picture.toString('base64')}" style="max-width:100%;max-height:100%;object-fit:contain"></div>
</body></html>`;
}

/**
 * Pictures of the lab page's figures as painted with JavaScript off (quick: no runtime), when
 * the page was prerendered with their numbers; a figure still "computing" there is taken from
 * the live page, once the model has drawn it (slow: the runtime and every model load). Each
 * figure in every scheme, from one load: the page follows the emulated OS scheme (theme.css).
 */
async function pictures(browser: Browser, origin: string, lab: Lab, figures: string[]): Promise<Record<PictureScheme, Map<string, Buffer>>> {
	const shots = { light: new Map<string, Buffer>(), dark: new Map<string, Buffer>() };
	const done = (f: string) => SCHEMES.every((scheme) => shots[scheme].has(f));
	for (const javaScriptEnabled of [false, true]) {
		if (figures.every(done)) break;
		// The page's policy would refuse the stylesheet that hides the controls: the camera's only.
		const context = await browser.newContext({ viewport: PICTURE_VIEWPORT, colorScheme: 'light', javaScriptEnabled, bypassCSP: true });
		try {
			const page = await context.newPage();
			await page.goto(`${origin}/labs/${lab.slug}?backend=wasm`);
			if (javaScriptEnabled) {
				await page.waitForFunction(
					() => {
						const v = (window as Window & { __vlab?: { status: string; lastDrawnAt: number | null } }).__vlab;
						return v?.status === 'ready' && v.lastDrawnAt !== null;
					},
					null,
					{ timeout: DRAW_TIMEOUT_MS, polling: 100 }
				);
				await page.waitForTimeout(300);
			}
			// Prerendered figures are SVG and CSS, which follow the switch at once. (A canvas drawn
			// live would keep its colours: no figure needs the live pass today.)
			for (const scheme of SCHEMES) {
				await page.emulateMedia({ colorScheme: scheme });
				for (const id of figures.filter((f) => !shots[scheme].has(f))) {
					const figure = page.locator(`figure.figure[data-figure="${id}"]`).first();
					if ((await figure.getAttribute('aria-busy')) === 'true') continue;
					shots[scheme].set(id, await figure.screenshot({ animations: 'disabled', style: PICTURE_STYLE }));
				}
			}
		} finally {
			await context.close();
		}
	}
	const missing = figures.filter((f) => !done(f));
	if (missing.length > 0) throw new Error(`${missing.join(', ')}: not drawn, even live`);
	return shots;
}

/**
 * Each embeddable figure's height in its own embed, at the width an oEmbed iframe has, as first
 * painted (JavaScript off: its controls are hidden, EMBED_CHROME stands for them).
 */
async function embedHeights(browser: Browser, origin: string, lab: Lab): Promise<Map<string, number>> {
	const heights = new Map<string, number>();
	const context = await browser.newContext({ viewport: { width: EMBED_WIDTH, height: 900 }, colorScheme: 'light', javaScriptEnabled: false });
	try {
		const page = await context.newPage();
		for (const figure of lab.figures.filter((f) => f.embeddable)) {
			await page.goto(`${origin}${embedPath(lab.slug, figure.id)}?theme=light`);
			const box = await page.locator(`figure.figure[data-figure="${figure.id}"]`).first().boundingBox();
			if (box) heights.set(figure.id, box.height);
		}
	} finally {
		await context.close();
	}
	return heights;
}

/** An embeddable figure's oEmbed response, rewritten with its measured height (it was prerendered with a guess). */
function measureOEmbed(slug: string, figure: string, pictureHeight: number): void {
	const file = join(BUILD_DIR, oembedPath(slug, figure));
	if (!existsSync(file)) return;
	const response = JSON.parse(readFileSync(file, 'utf8')) as { height: number; html: string };
	response.height = figureEmbedHeight(pictureHeight);
	response.html = response.html.replace(/ height="\d+"/, ` height="${response.height}"`);
	writeFileSync(file, JSON.stringify(response));
}

async function drawLab(browser: Browser, origin: string, lab: Lab): Promise<void> {
	const previews = previewsOf(lab);
	const card = await browser.newPage({ viewport: PREVIEW_SIZE, deviceScaleFactor: 1 });
	try {
		const shots = await pictures(browser, origin, lab, picturedFigures(lab));
		for (const { path, figure } of previews) {
			await card.setContent(cardHtml(lab.title, shots.light.get(figure) as Buffer));
			writeFileSync(out(path), await card.screenshot({ type: 'png' }));
			console.log(`  build${path}`);
		}
		for (const scheme of SCHEMES) for (const [figure, picture] of shots[scheme]) writeFileSync(out(stillPath(lab.slug, figure, scheme)), picture);
		for (const [figure, height] of await embedHeights(browser, origin, lab)) measureOEmbed(lab.slug, figure, height);
	} catch (error) {
		console.warn(`  ${lab.slug}: no pictures (${error instanceof Error ? error.message.split('\n')[0] : error})`);
	} finally {
		await card.close();
	}
}

const started = performance.now();
if (!existsSync(HEADLESS_CHROMIUM_PATH)) {
	console.warn(`Link previews: no Chromium at ${HEADLESS_CHROMIUM_PATH} (set CHROMIUM_PATH), so no link-preview images, no card pictures on the index, guessed oEmbed heights.`);
} else {
	console.log('Link previews:');
	const server = await serveBuild();
	const browser = await launchChromium('wasm', [], HEADLESS_CHROMIUM_PATH);
	try {
		const queue = [...liveLabs];
		const worker = async () => {
			for (let lab = queue.shift(); lab; lab = queue.shift()) await drawLab(browser, server.url, lab);
		};
		await Promise.all(Array.from({ length: AT_ONCE }, worker));
	} finally {
		await browser.close();
		await server.close();
	}
}
console.log(`Link previews done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
