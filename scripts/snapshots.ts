/**
 * `npm run snapshots`: the still images an embed shows when the reader's browser runs no
 * JavaScript. Builds nothing itself: serves build/, opens every embeddable figure's embed page
 * in headless Chromium (WASM, light theme), waits until the model has run and the figure has
 * drawn, and saves the figure as `static/embed-snapshots/<slug>/<figure>.png`.
 *
 * The PNGs are committed, like the trained models: rerun after changing a figure (`npm run build
 * && npm run snapshots`). A unit test fails when an embeddable figure has no snapshot.
 * `npm run snapshots -- <slug>` redoes one lab only.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { liveLabs } from '../src/lib/labs/registry';
import { snapshotFile } from '../src/lib/labs/snapshots';
import { launchChromium } from '../tests/e2e/support/chromium';
import { serveBuild } from './serve';
import { writeSnapshotSizes } from './snapshotSizes';

const only = process.argv[2];
const labs = liveLabs.filter((lab) => !only || lab.slug === only);
if (labs.length === 0) throw new Error(`no live lab is called "${only}"`);

const server = await serveBuild();
const browser = await launchChromium('wasm');
try {
	for (const lab of labs) {
		for (const figure of lab.figures.filter((f) => f.embeddable)) {
			const page = await browser.newPage({ viewport: { width: 720, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
			page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
			await page.goto(`${server.url}/embed/${lab.slug}/${figure.id}?backend=wasm&theme=light`);
			await page.waitForFunction(
				() => {
					const v = (window as Window & { __vlab?: { status: string; lastDrawnAt: number | null } }).__vlab;
					return v?.status === 'error' || (v?.status === 'ready' && v.lastDrawnAt !== null);
				},
				null,
				{ timeout: 120_000, polling: 100 }
			);
			// Transitions and late layout (fonts) settle before the picture is taken.
			await page.waitForTimeout(800);
			const out = `static${snapshotFile(lab.slug, figure.id)}`;
			mkdirSync(dirname(out), { recursive: true });
			// The picture holds the figure with its title and caption, without its controls (dead in
			// a picture) and export buttons: the figure's frame, which carries its data-figure id.
			// Hidden through each element's own style: the page's Content-Security-Policy refuses an
			// injected <style> element, and the buttons would land in the picture.
			await page.evaluate((id) => {
				document.querySelector(`figure.figure[data-figure="${id}"]`)?.setAttribute('data-snapshot', '');
				for (const el of document.querySelectorAll<HTMLElement>('.figure .tools, .figure .message, .figure .controls')) el.style.setProperty('display', 'none', 'important');
			}, figure.id);
			await page.locator('[data-snapshot]').screenshot({ path: out, animations: 'disabled' });
			console.log(`  ${out}`);
			await page.close();
		}
	}
	writeSnapshotSizes();
} finally {
	await browser.close();
	await server.close();
}
