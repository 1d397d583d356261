/** The harness itself: the guard really records console errors, page errors and foreign requests. */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { guardContext, guardPage, isForeign } from './support/guard';

describe('e2e guard', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium('wasm');
	});
	afterAll(async () => {
		await browser.close();
	});

	test('tells local from foreign URLs', () => {
		expect(isForeign('http://127.0.0.1:4173/x.js')).toBe(false);
		expect(isForeign('http://localhost:4173/')).toBe(false);
		expect(isForeign('data:text/plain,hi')).toBe(false);
		expect(isForeign('blob:http://127.0.0.1:4173/abc')).toBe(false);
		expect(isForeign('https://cdn.jsdelivr.net/npm/onnxruntime-web/dist/ort.wasm')).toBe(true);
		expect(isForeign('wss://example.com/socket')).toBe(true);
	});

	test('records console errors, uncaught errors and aborted foreign requests', async () => {
		const context = await browser.newContext();
		const problems: string[] = [];
		await guardContext(context, problems);
		const page = await context.newPage();
		guardPage(page, problems);
		await page.goto(inject('baseURL') + '/');
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
		expect(problems.some((p) => p.includes('request to another origin (aborted): https://example.com/tracker.js'))).toBe(true);
	});
});
