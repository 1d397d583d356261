/**
 * The build's numbers at first paint, as the e2e files check them: counting a page's figure marks,
 * refusing the runtime's files, and a lab page that keeps its prerendered figures when its runtime
 * cannot load (issue 16: the page says so, and no figure claims to be live).
 */
import { expect } from 'vitest';
import type { Page, Route } from 'playwright-core';
import type { BrowserFixture, GuardedPage } from './guard';
import { withQuery } from './site';
import type { VlabWindow } from './vlab';

/** A figure's content as a reader sees it: its SVG marks (the bench counts the same). */
export const MARKS = ['path', 'rect', 'circle', 'line', 'polyline', 'polygon', 'text', 'image'].map((m) => `svg ${m}`).join(', ');
export const RUNTIME_FILES = /\.(wasm|onnx)(\?|$)/;

/**
 * Marks in the figures the model's results feed. Figures fed by a run the reader starts
 * (training, sampling: they hold RunControls) draw that run, not the prerendered results.
 */
export const countMarks = (page: Page) =>
	page.evaluate(
		(marks) =>
			[...document.querySelectorAll('[data-figure]')]
				.filter((figure) => !figure.querySelector('.run-controls'))
				.reduce((sum, figure) => sum + figure.querySelectorAll(marks).length, 0),
		MARKS
	);

/** The failed loads these tests cause on purpose are not problems of the page. */
export function forgive(guarded: GuardedPage, expected: RegExp): void {
	const kept = guarded.problems.filter((p) => !expected.test(p));
	guarded.problems.splice(0, guarded.problems.length, ...kept);
}

const REFUSED_LOADS = /console error|ERR_FAILED|model run failed|runtime could not start/;

/**
 * Every script a page fetched before its first figure drew was linked by its HTML, `html` as
 * served (scripts/modulePreloads.ts): none waited for the scripts before it to run and ask for
 * it. (The document's own links will not do: Vite's loader adds one for each chunk it imports.)
 */
export async function checkScriptsPreloaded(page: Page, html: string): Promise<void> {
	await page.waitForFunction(() => (window as VlabWindow).__vlab?.firstDrawnAt != null, null, { timeout: 60_000 });
	const fetched = await page.evaluate(() => {
		const drawnAt = (window as VlabWindow).__vlab!.firstDrawnAt!;
		return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
			.filter((entry) => entry.startTime <= drawnAt)
			.map((entry) => new URL(entry.name).pathname)
			.filter((path) => path.endsWith('.js'));
	});
	expect(fetched.length, 'scripts fetched before the first figure drew').toBeGreaterThan(0);
	const linked = new Set([...html.matchAll(/<link href="([^"]+)" rel="modulepreload">/g)].map((match) => match[1]));
	expect(fetched.filter((path) => !linked.has(path)), "scripts fetched before the first figure drew that the page's HTML did not preload").toEqual([]);
}

/**
 * Opens a lab page as readers get it with its runtime's files refused: its HTML preloaded every
 * script it fetched before its first figure drew (checkScriptsPreloaded), the figures keep the
 * build's default marks (at least 90% of `liveMarks`, the live page's count), the page says the
 * live model could not load, and every figure says its numbers are the build's.
 */
export async function checkRefusedRuntime(browser: BrowserFixture, slug: string, liveMarks: number): Promise<void> {
	const refused = await browser.newPage({ prerendered: true });
	await refused.context.route(RUNTIME_FILES, (route: Route) => route.abort('failed'));
	const response = await refused.page.goto(browser.baseURL + withQuery(`/labs/${slug}`, { backend: 'wasm' }), { waitUntil: 'load' });
	const { page } = refused;
	await checkScriptsPreloaded(page, (await response?.text()) ?? '');
	// The runtime starts when the page is idle, fails, and the page says so.
	await page.getByText('The live model could not load').first().waitFor({ timeout: 60_000 });
	forgive(refused, REFUSED_LOADS);
	const snap = await page.evaluate(() => {
		const v = (window as VlabWindow).__vlab!;
		return { status: v.status, runs: v.runs, source: v.source };
	});
	expect(snap).toEqual({ status: 'error', runs: 0, source: 'prerendered' });
	const marks = await countMarks(page);
	expect(marks / liveMarks, `${marks} marks of the live ${liveMarks}`).toBeGreaterThanOrEqual(0.9);
	// No figure claims to be live: each says its numbers are the build's.
	const sources = await page.locator('[data-figure]').evaluateAll((els) => els.map((el) => el.getAttribute('data-source')));
	expect(sources.length).toBeGreaterThan(0);
	expect(new Set(sources)).toEqual(new Set(['prerendered']));
	expect(await page.locator('[data-testid="backend-status"]').innerText()).not.toMatch(/ready|run \d/);
	expect(await page.getByTestId('prerendered-note').innerText()).toMatch(/default settings, computed when the site was built/);
	// Closed here, so the refused loads' late console errors are forgiven with the rest.
	await refused.context.close();
	forgive(refused, REFUSED_LOADS);
}
