/**
 * /practice in a real browser (WASM), by keyboard: answer cards wrongly and rightly and see each
 * reveal; reload and find the progress kept, with the missed card dealt first; export the
 * progress; import a corrupt and a foreign file and see the message with nothing lost; run a
 * 5-question mock interview to its summary; axe on the page; offline after one visit; and
 * screenshots at 1280 and 390 px, light and dark, before and after a reveal.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe';
import { useBrowser } from './support/guard';
import { waitForLabReady } from './support/vlab';
import { Rng } from '../../src/lib/random';

const PATH = '/practice?backend=wasm';
const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const STORAGE_KEY = 'vlab:practice-progress';

const card = (page: Page) => page.locator('[data-card]');

/** The interview's deal, seeded (see that test): uniform draws from the project's own generator. */
const interviewRng = new Rng(1);
const INTERVIEW_DRAWS = Array.from({ length: 4096 }, () => interviewRng.uniform());

/** Replaces the page's Math.random with `draws`, in turn, before its scripts run. */
function replayMathRandom(draws: number[]): void {
	let next = 0;
	Math.random = () => draws[next++ % draws.length];
}

/** Waits for a card to be asked (its question shown) and returns its id. */
async function askedCard(page: Page): Promise<string> {
	await page.locator('[data-card][data-phase="asking"] form').waitFor({ timeout: 60_000 });
	return (await card(page).getAttribute('data-card')) ?? '';
}

/** Answers the shown card from the keyboard with something, whatever its kind, and commits. */
async function answerAnything(page: Page): Promise<void> {
	const c = card(page);
	if (await c.locator('input[type=radio]').count()) {
		await page.keyboard.press('1');
		await page.keyboard.press('Enter');
	} else if (await c.locator('input[type=text]').count()) {
		await c.locator('input[type=text]').focus();
		await page.keyboard.type('1');
		await page.keyboard.press('Enter');
	} else if (await c.locator('input[type=range]').count()) {
		await c.locator('input[type=range]').focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Control+Enter');
	} else {
		await page.keyboard.press('Control+Enter');
	}
}

/** The progress line, once the page has read this browser's storage (it is prerendered without it). */
const stats = async (page: Page) => {
	const line = page.locator('[data-testid="progress-stats"][data-loaded]');
	await line.waitFor({ timeout: 30_000 });
	return (await line.innerText()).replace(/\s+/g, ' ');
};
const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);

describe('/practice', () => {
	const browser = useBrowser('wasm');
	mkdirSync(OUT_DIR, { recursive: true });

	test('a wrong and a right answer are revealed; after a reload the progress is kept and the missed card comes first; bad imports change nothing', async () => {
		const { page } = await browser.open(PATH);
		// A new deck deals in deck order: the vanishing-gradients ratio question first.
		expect(await askedCard(page)).toBe('vanishing-gradients/gradient-ratio');
		const prompt = await card(page).locator('h2').innerText();
		expect(prompt).toMatch(/Sigmoid, depth \d+/);

		// Wrong: the first layer's gradient is far smaller than the last one's, never 10³⁰ times larger.
		await card(page).locator('input[type=text]').focus();
		await page.keyboard.type('1e30');
		await page.keyboard.press('Enter');
		const reveal = page.getByTestId('reveal');
		await reveal.waitFor({ timeout: 90_000 });
		// The answer is recorded once graded, just before the reveal shows.
		const missedAt = Date.now();
		expect(await reveal.getAttribute('data-right')).toBe('false');
		const text = await reveal.innerText();
		expect(text).toMatch(/Your answer\s*1(\.0+)?×10³⁰\s*✗ Not quite/i);
		expect(text).toMatch(/Computed answer[\s\S]*by the model, on WebAssembly/i);
		expect(text).toMatch(/The model measured ‖∂L\/∂W₁‖ = /);
		const depth = /depth (\d+)/.exec(prompt)![1];
		const href = await reveal.getByRole('link', { name: /Open the lab at these settings/ }).getAttribute('href');
		expect(href).toMatch(/^\/labs\/vanishing-gradients\?.*#gradient-norms$/);
		if (depth !== '20') expect(href).toContain(`depth=${depth}`);
		// The Next button has the focus: Enter deals the next card, and its answer box takes the focus.
		await page.waitForFunction(() => document.activeElement?.textContent === 'Next card');
		await page.keyboard.press('Enter');

		expect(await askedCard(page)).toBe('vanishing-gradients/tanh-collapse');
		await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'text');
		await page.keyboard.type('1e30');
		await page.keyboard.press('Enter');
		await reveal.waitFor({ timeout: 90_000 });
		expect(await reveal.getAttribute('data-right')).toBe('false');
		await page.keyboard.press('n');

		// Right: for ReLU, He init (Var w = 2/n) keeps the activations' variance level.
		expect(await askedCard(page)).toBe('vanishing-gradients/relu-init');
		await page.keyboard.press('4');
		expect(await card(page).getByRole('radio', { name: 'He' }).isChecked()).toBe(true);
		await page.screenshot({ path: `${OUT_DIR}practice-asking-1280-light.png`, fullPage: true });
		await page.keyboard.press('Enter');
		await reveal.waitFor({ timeout: 120_000 });
		expect(await reveal.getAttribute('data-right')).toBe('true');
		expect(await reveal.innerText()).toMatch(/Your answer\s*He\s*✓ Right[\s\S]*Computed answer\s*He/i);
		await page.screenshot({ path: `${OUT_DIR}practice-revealed-1280-light.png`, fullPage: true });
		expect(await stats(page)).toMatch(/3 answered 1 right/);

		// Reload once the missed card's one-minute relearning step is over (the page's clock moved
		// past it, rather than a minute waited): the progress is kept, and the card missed first
		// is dealt before any card never asked.
		await page.clock.setSystemTime(Math.max(Date.now(), missedAt + 62_000));
		await page.reload();
		expect(await askedCard(page)).toBe('vanishing-gradients/gradient-ratio');
		expect(await stats(page)).toMatch(/3 answered 1 right [12] due now/);
		const before = await stored(page);
		expect(Object.keys(JSON.parse(before!).cards).sort()).toEqual([
			'vanishing-gradients/gradient-ratio',
			'vanishing-gradients/relu-init',
			'vanishing-gradients/tanh-collapse'
		]);

		// Export: a versioned file with the same cards.
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
		const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
		expect(exported.format).toBe('vlab-practice-progress');
		expect(exported.version).toBe(1);
		expect(exported.cards['vanishing-gradients/relu-init'].right).toBe(1);

		// A corrupt file and a foreign one: a clear message each, and nothing changes.
		const input = page.locator('#progress-import');
		await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "vlab-practice-progress", "vers') });
		await page.getByText(/This file is not valid JSON.*Nothing was changed/).waitFor();
		await input.setInputFiles({ name: 'deck.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ cards: [{ front: 'Q', back: 'A' }] })) });
		await page.getByText(/not a practice-progress file from this site.*Nothing was changed/).waitFor();
		expect(await stats(page)).toMatch(/3 answered 1 right/);
		expect(await stored(page)).toBe(before);
		await page.reload();
		expect(await stats(page)).toMatch(/3 answered 1 right/);
	}, 300_000);

	test('a 5-question mock interview runs to its summary, with a clock and links into the labs', async () => {
		const { page, context } = await browser.newPage();
		// The deal and each card's settings come from Math.random: replayed from a seeded sequence,
		// every run asks the same five cards. Some cards train a model to compute their answer, and
		// a random deal made this test take from 8 s to 46 s.
		await context.addInitScript(replayMathRandom, INTERVIEW_DRAWS);
		await page.goto(browser.baseURL + PATH);
		// A card dealt means the page is hydrated: before that a click does nothing.
		await askedCard(page);
		await page.getByRole('button', { name: 'Mock interview' }).click();
		expect(await page.getByLabel('Questions').inputValue()).toBe('5');
		await page.getByRole('button', { name: 'Start the interview' }).click();
		const clock = page.getByRole('timer');
		for (let i = 1; i <= 5; i++) {
			await page.getByText(`Question ${i} of 5`, { exact: true }).first().waitFor({ timeout: 60_000 });
			await askedCard(page);
			expect(await clock.innerText()).toMatch(/^\d+:\d\d$/);
			// No reveal between questions in an interview.
			expect(await page.getByTestId('reveal').count()).toBe(0);
			await answerAnything(page);
			if (i === 2) await page.screenshot({ path: `${OUT_DIR}practice-interview-1280-light.png`, fullPage: true });
		}
		const summary = page.getByTestId('interview-summary');
		await summary.waitFor({ timeout: 120_000 });
		const items = summary.locator('li');
		expect(await items.count()).toBe(5);
		const rights = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-right')));
		expect(rights.every((r) => r === 'true' || r === 'false')).toBe(true);
		expect(await summary.innerText()).toMatch(new RegExp(`${rights.filter((r) => r === 'true').length} of 5 right, in \\d+:\\d\\d`));
		for (const href of await items.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
			expect(href).toMatch(/^\/labs\/[a-z-]+(\?[^#]*)?#[a-z0-9-]+$/);
		// The interview's answers count for spaced repetition too.
		expect(await stats(page)).toMatch(/5 answered/);
		await page.screenshot({ path: `${OUT_DIR}practice-summary-1280-light.png`, fullPage: true });

		// The summary's link opens the lab at the asked settings: every one its query carries.
		const first = items.first();
		const href = (await first.getByRole('link').getAttribute('href')) ?? '';
		const asked = [...new URL(href, browser.baseURL).searchParams];
		expect(asked.length, `${href} carries the asked settings`).toBeGreaterThan(0);
		await first.getByRole('link').click();
		await page.waitForURL(/\/labs\//);
		const snap = await waitForLabReady(page);
		for (const [key, value] of asked) expect(String(snap.state[key]), `${key} in ${href}`).toBe(value);
	}, 300_000);

	// One load per width: the theme follows the emulated color scheme live (theme.css), so each
	// state is scanned and shot light and dark in place.
	test('axe finds no serious or critical violations (light and dark), asking and revealed; screenshots at 1280 and 390', async () => {
		for (const width of [1280, 390]) {
			const { page, context } = await browser.open(PATH, { colorScheme: 'light', reducedMotion: 'reduce', viewport: { width, height: 900 } });
			await askedCard(page);
			const both = async (state: string, schemes: readonly ('light' | 'dark')[]) => {
				for (const colorScheme of schemes) {
					await page.emulateMedia({ colorScheme });
					expect.soft(await axeViolations(page), `${state}, ${colorScheme}, ${width} px`).toEqual([]);
					await page.screenshot({ path: `${OUT_DIR}practice-${state}-${width}-${colorScheme}.png`, fullPage: true });
				}
			};
			await both('asking', ['light', 'dark']);
			await card(page).locator('input[type=text]').fill('1e-5');
			await page.keyboard.press('Enter');
			await page.getByTestId('reveal').waitFor({ timeout: 90_000 });
			await both('revealed', ['dark', 'light']);
			await context.close();
		}
	}, 300_000);

	test('offline after one visit: /practice reloads from the service worker and still computes an answer', async () => {
		const { page, context } = await browser.open(PATH, { serviceWorkers: 'allow' });
		await askedCard(page);
		await page.waitForFunction(
			async () => {
				await navigator.serviceWorker.ready;
				let practice = false;
				let wasm = false;
				for (const name of await caches.keys())
					for (const request of await (await caches.open(name)).keys()) {
						if (new URL(request.url).pathname.startsWith('/practice')) practice = true;
						if (request.url.endsWith('.wasm')) wasm = true;
					}
				return practice && wasm;
			},
			null,
			{ timeout: 120_000, polling: 500 }
		);
		await context.setOffline(true);
		const response = await page.reload();
		expect(response?.fromServiceWorker()).toBe(true);
		await askedCard(page);
		await card(page).locator('input[type=text]').fill('1e-5');
		await page.keyboard.press('Enter');
		await page.getByTestId('reveal').waitFor({ timeout: 90_000 });
		expect(await page.getByTestId('reveal').innerText()).toMatch(/by the model, on WebAssembly/);
	}, 300_000);
});
