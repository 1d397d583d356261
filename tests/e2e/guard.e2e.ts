/**
 * The harness itself: the guard really records console errors, page errors, foreign requests and
 * Content-Security-Policy violations.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchTestChromium } from './support/chromium';
import { guardContext, guardPage, isForeign, type CspWindow } from './support/guard';

describe('e2e guard', () => {
	let browser: Browser;
	beforeAll(async () => {
		// --enable-automation lets the test read the browser's command line over CDP (the headless
		// shell has no chrome://version page).
		browser = await launchTestChromium('wasm', ['--enable-automation']);
	});
	afterAll(async () => {
		await browser.close();
	});

	/** A guarded page on the home page, with the list the guard records its problems in. */
	async function guardedHome(options: Parameters<Browser['newContext']>[0] = {}) {
		const context = await browser.newContext({ serviceWorkers: 'block', ...options });
		const problems: string[] = [];
		await guardContext(context, problems);
		const page = await context.newPage();
		guardPage(page, problems);
		await page.goto(inject('baseURL') + '/');
		return { context, page, problems };
	}

	test('the browser keeps every feature Playwright turns off, and builds no omnibox pages per context', async () => {
		const cdp = await browser.newBrowserCDPSession();
		const { arguments: args } = (await cdp.send('Browser.getBrowserCommandLine')) as { arguments: string[] };
		const lists = args.filter((arg) => arg.startsWith('--disable-features=')).map((arg) => arg.slice('--disable-features='.length).split(','));
		// Chromium reads the last one only: it must hold all the others.
		const effective = new Set(lists.at(-1));
		expect(lists.length).toBeGreaterThan(1);
		expect(lists.flat().filter((feature) => !effective.has(feature))).toEqual([]);
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(inject('baseURL') + '/');
		const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
		await context.close();
		expect(targetInfos.filter((t) => t.url.startsWith('chrome://omnibox')).map((t) => t.url)).toEqual([]);
		expect(targetInfos.filter((t) => t.type === 'page')).toHaveLength(1);
	});

	test('tells local from foreign URLs', () => {
		expect(isForeign('http://127.0.0.1:4173/x.js')).toBe(false);
		expect(isForeign('http://localhost:4173/')).toBe(false);
		expect(isForeign('data:text/plain,hi')).toBe(false);
		expect(isForeign('blob:http://127.0.0.1:4173/abc')).toBe(false);
		expect(isForeign('https://cdn.jsdelivr.net/npm/onnxruntime-web/dist/ort.wasm')).toBe(true);
		expect(isForeign('wss://example.com/socket')).toBe(true);
	});

	test('records console errors, uncaught errors and foreign requests, which fail', async () => {
		// The site's CSP (connect-src 'self') would stop the fetch before the network: bypass it
		// here, so this checks the request guard behind it.
		const { context, page, problems } = await guardedHome({ bypassCSP: true });
		const fetched = await page.evaluate(async () => {
			console.error('boom from the page');
			setTimeout(() => {
				throw new Error('uncaught boom');
			});
			try {
				await fetch('https://example.com/tracker.js', { mode: 'no-cors' });
				return 'fetched';
			} catch {
				return 'blocked';
			}
		});
		await page.waitForTimeout(200);
		await context.close();
		expect(fetched).toBe('blocked');
		expect(problems.some((p) => p.startsWith('console error: boom from the page'))).toBe(true);
		expect(problems.some((p) => p.includes('uncaught boom'))).toBe(true);
		expect(problems.some((p) => p.includes('request to another origin: https://example.com/tracker.js'))).toBe(true);
	});

	test('records Content-Security-Policy violations, on the page and through the binding', async () => {
		const { context, page, problems } = await guardedHome();
		// An injected inline script: what the policy is there to stop.
		const ran = await page.evaluate(async () => {
			const script = document.createElement('script');
			script.textContent = 'window.__injectedRan = true;';
			document.head.append(script);
			await new Promise((done) => setTimeout(done, 100));
			return (window as Window & { __injectedRan?: boolean }).__injectedRan === true;
		});
		await page.waitForTimeout(200);
		const recorded = await page.evaluate(() => (window as CspWindow).__cspViolations ?? []);
		await context.close();
		expect(ran, 'the inline script was blocked').toBe(false);
		expect(recorded.map((v) => v.directive)).toEqual(['script-src-elem']);
		expect(problems.filter((p) => p.startsWith('CSP violation: script-src-elem blocked inline')).length, problems.join('\n')).toBe(1);
	});
});
