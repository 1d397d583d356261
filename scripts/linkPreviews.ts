/**
 * The link-preview images (Open Graph, Twitter cards, oEmbed thumbnails), made from the built site
 * right after `vite build` (`npm run build` runs this): each is a 1200×630 card of the site's name,
 * the lab's title and the figure, `build/previews/<slug>.png` (the lab's hero figure) and
 * `build/previews/<slug>/<figure>.png` (each embeddable figure). Nothing here is committed.
 *
 * The figure is pictured from the lab page as prerendered, opened in headless Chromium with
 * JavaScript off (no runtime, so it takes seconds): the figures' first paint. A figure whose
 * first paint has no numbers yet (still "computing") is taken from its committed still
 * (static/embed-snapshots, the model's drawing made by `npm run snapshots`), or, with
 * LINK_PREVIEWS=live, from the live page once the model has drawn it (slow: every model loads).
 *
 * Without Chromium (CHROMIUM_PATH, /usr/bin/chromium by default) the build still succeeds, with a
 * warning: each preview is then the figure's committed still as it is (not card-sized).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { liveLabs } from '../src/lib/labs/registry';
import { snapshotFile } from '../src/lib/labs/snapshots';
import type { Lab } from '../src/lib/labs/types';
import { PREVIEW_SIZE, previewPath, SITE_NAME } from '../src/lib/share/links';
import { previewFigure } from '../src/lib/share/preview';
import { CHROMIUM_PATH, launchChromium } from '../tests/e2e/support/chromium';
import { BUILD_DIR, serveBuild } from './serve';

/** Labs drawn at once: each runs its models; two cores. */
const AT_ONCE = 2;
const DRAW_TIMEOUT_MS = 90_000;
const LIVE = process.env.LINK_PREVIEWS === 'live';

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

/** The committed still of a figure, when there is one, in place of its card. */
function fallBack(lab: Lab, previews: Preview[], why: string): void {
	for (const { path, figure } of previews) {
		const still = join('static', snapshotFile(lab.slug, figure));
		if (existsSync(still)) copyFileSync(still, out(path));
		console.warn(`  ${path}: ${existsSync(still) ? 'the figure’s committed still' : 'none'} (${why})`);
	}
}

function escapeHtml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The card around a figure's picture (a blank page of its own: no site policy applies there). */
function cardHtml(title: string, picture: Buffer): string {
	return `<!doctype html><html><body style="margin:0;width:${PREVIEW_SIZE.width}px;height:${PREVIEW_SIZE.height}px;display:flex;flex-direction:column;background:#ffffff;color:#1b1d21;font-family:system-ui,'Noto Sans',Arial,sans-serif;box-sizing:border-box;border-top:10px solid #0072b2">
<div style="padding:22px 48px 6px"><div style="font-size:22px;color:#555b66">${escapeHtml(SITE_NAME)}</div><div style="font-size:40px;font-weight:700;line-height:1.15">${escapeHtml(title)}</div></div>
<div style="flex:1;min-height:0;display:flex;align-items:center;justify-content:center;padding:6px 48px 22px"><img alt="" src="data:image/png;base64,${picture.toString('base64')}" style="max-width:100%;max-height:100%;object-fit:contain"></div>
</body></html>`;
}

/** What is dead in a picture: the site's header, the control panel, a figure's controls, tools and file pickers. */
const HIDDEN = '.site-header, .panel, .figure .tools, .figure .message, .figure .controls, .figure .file-input { display: none !important; }';
const VIEWPORT = { width: 760, height: 1000 };

/** The committed still of a figure (`npm run snapshots`: the model's drawing in the default settings). */
function stillOf(slug: string, figure: string): Buffer | null {
	const file = join('static', snapshotFile(slug, figure));
	return existsSync(file) ? readFileSync(file) : null;
}

/**
 * Pictures of the lab page's figures as painted with JavaScript off (quick: no runtime), when
 * the page was prerendered with their numbers. A figure still "computing" there is taken from the
 * live page, where the model draws it, with LINK_PREVIEWS=live (slow: the runtime and every model
 * load), or else from its committed still.
 */
async function pictures(browser: Browser, origin: string, lab: Lab, figures: string[]): Promise<Map<string, Buffer>> {
	const shots = new Map<string, Buffer>();
	for (const javaScriptEnabled of LIVE ? [false, true] : [false]) {
		// The page's policy would refuse the stylesheet that hides the controls: the camera's only.
		const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light', javaScriptEnabled, bypassCSP: true });
		try {
			const page = await context.newPage();
			await page.goto(`${origin}/labs/${lab.slug}?backend=wasm&theme=light`);
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
			for (const id of figures.filter((f) => !shots.has(f))) {
				const figure = page.locator(`figure.figure[data-figure="${id}"]`).first();
				if ((await figure.getAttribute('aria-busy')) === 'true') continue;
				shots.set(id, await figure.screenshot({ animations: 'disabled', style: HIDDEN }));
			}
		} finally {
			await context.close();
		}
	}
	for (const id of figures.filter((f) => !shots.has(f))) {
		const still = stillOf(lab.slug, id);
		if (!still) throw new Error(`${id} is not drawn in the page's first paint and has no still`);
		shots.set(id, still);
		console.log(`  (${lab.slug}/${id}: from its committed still; its first paint has no numbers)`);
	}
	return shots;
}

async function drawLab(browser: Browser, origin: string, lab: Lab): Promise<void> {
	const previews = previewsOf(lab);
	const card = await browser.newPage({ viewport: PREVIEW_SIZE, deviceScaleFactor: 1 });
	try {
		const shots = await pictures(browser, origin, lab, [...new Set(previews.map((p) => p.figure))]);
		for (const { path, figure } of previews) {
			await card.setContent(cardHtml(lab.title, shots.get(figure) as Buffer));
			writeFileSync(out(path), await card.screenshot({ type: 'png' }));
			console.log(`  build${path}`);
		}
	} catch (error) {
		fallBack(lab, previews, `${error instanceof Error ? error.message.split('\n')[0] : error}`);
	} finally {
		await card.close();
	}
}

const started = performance.now();
if (!existsSync(CHROMIUM_PATH)) {
	console.warn(`Link previews: no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH), so they are the figures' committed stills.`);
	for (const lab of liveLabs) fallBack(lab, previewsOf(lab), 'no Chromium');
} else {
	console.log('Link previews:');
	const server = await serveBuild();
	const browser = await launchChromium('wasm');
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
