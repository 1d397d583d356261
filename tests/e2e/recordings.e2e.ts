/**
 * The build-time recordings of the training figures (`npm run record`) are in the page before any
 * script runs, with their marks and a "Recorded at build time" label, and go as soon as the reader
 * starts a run of their own. Nothing here trains past its first moments, so this file shares the
 * machine with another (the training tests keep it to themselves).
 */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

const browser = useBrowser('wasm');

const figures = [
	// Vanishing gradients, figure 5: its boundary pictures; diffusion, figure 6: its 400 samples.
	{ slug: 'vanishing-gradients', figure: 'training', start: 'Start training', marks: 'g.tints path', least: 3 },
	{ slug: 'diffusion-schedules', figure: 'train', start: /^Train on /, marks: 'circle', least: 400 },
	// Optimizers, figure 3: the ✕ of its diverged run on both charts (a stroke and its outline each).
	{ slug: 'optimizers', figure: 'sweep', start: 'Start the sweep', marks: 'g.crosses path', least: 4 },
	// Optimizers, figure 6: a dot per measured weight, both runs.
	{ slug: 'optimizers', figure: 'decay', start: 'Train both', marks: 'g.points circle', least: 200 },
	// Overfitting, figure 1: both accuracy curves and the gap between them.
	{ slug: 'overfitting', figure: 'symptom', start: 'Start training', marks: 'svg path', least: 6 },
	// Overfitting, one fix at a time: two loss curves in each of its seven panels.
	{ slug: 'overfitting', figure: 'fixes', start: 'Train all runs', marks: 'path.line:not([d=""])', least: 14 }
];

describe('the build-time recordings of the training figures', () => {
	for (const { slug, figure, start, marks, least } of figures) {
		test(`${slug}, ${figure}: drawn at first paint, labelled, until Start`, { timeout: 120_000 }, async () => {
			// The prerendered HTML alone (no script runs): the label and the recorded marks.
			const still = (await browser.open(`/labs/${slug}`, { javaScriptEnabled: false })).page.locator(`[data-figure="${figure}"]`);
			await expect(still.getByTestId('recorded-note').count()).resolves.toBe(1);
			await expect(still.locator(marks).count()).resolves.toBeGreaterThanOrEqual(least);
			const { page } = await browser.open(withQuery(`/labs/${slug}`, { backend: 'wasm' }));
			const frame = page.locator(`[data-figure="${figure}"]`);
			await waitForLabReady(page);
			await expect(frame.getByTestId('recorded-note').count()).resolves.toBe(1);
			// By the keyboard: a click lands where the button was when the page was hit-tested, and
			// with two files loading pages at once the page could still move under it (prose skipped
			// off screen renders as the figure scrolls in), so the click missed twice in one run.
			await frame.getByRole('button', { name: start }).press('Enter');
			// The reader's own run: the recording and its label go at once.
			await page.waitForFunction((id) => !document.querySelector(`[data-figure="${id}"] [data-testid="recorded-note"]`), figure, { timeout: 10_000 });
		});
	}
});
