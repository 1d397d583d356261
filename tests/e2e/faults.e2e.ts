/**
 * Faults a reader may meet, in a real browser: a download that stalls, a runtime chunk that fails,
 * a WebGPU runtime that breaks, a model that is missing. Each must end in a message naming what
 * failed and a way out (Retry, a control change, or an automatic fallback), and leave the page
 * usable. Every message shown on the way is collected and checked for raw numbers, stacks and
 * internal names.
 *
 * Time-outs are shortened through `window.__vlabTimeouts` (read by src/lib/onnx/faults.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { useBrowser, type GuardedPage } from './support/guard';
import { waitForLabReady, type VlabWindow } from './support/vlab';

const browser = useBrowser('wasm');

/** The built chunk holding ORT's WASM build (it names the plain .wasm, not the asyncify one). */
function ortWasmChunk(): string {
	const dir = 'build/_app/immutable/chunks';
	const found = readdirSync(dir).filter((file) => {
		const text = readFileSync(`${dir}/${file}`, 'utf8');
		return file.endsWith('.js') && text.includes('ort-wasm-simd-threaded.') && !text.includes('asyncify');
	});
	if (found.length !== 1) throw new Error(`expected one chunk with ORT's WASM build, found ${found.join(', ') || 'none'}`);
	return found[0];
}

/** Every message the reader saw in these tests (checked at the end). */
const shown: string[] = [];

async function collectMessages(page: Page): Promise<string[]> {
	const texts = await page.locator('[role="alert"], [data-testid="backend-status"], [role="status"]').allInnerTexts();
	shown.push(...texts);
	return texts;
}

/** Opens a lab with short time-outs (and any extra routes installed before the first request). */
async function openLab(path: string, timeoutsMs: Record<string, number>, setup?: (context: BrowserContext) => Promise<void>): Promise<GuardedPage> {
	const guarded = await browser.newPage();
	await guarded.context.addInitScript((t) => {
		(window as Window & { __vlabTimeouts?: unknown }).__vlabTimeouts = t;
	}, timeoutsMs);
	await setup?.(guarded.context);
	await guarded.page.goto(browser.baseURL + path, { waitUntil: 'load' });
	return guarded;
}

/** Requests held unanswered until `release` (a stalled server). */
function stall(context: BrowserContext, pattern: RegExp) {
	const held: Route[] = [];
	let holding = true;
	return {
		async install() {
			await context.route(pattern, async (route) => {
				if (holding) held.push(route);
				else await route.continue();
			});
		},
		get count() {
			return held.length;
		},
		async release() {
			holding = false;
			await Promise.all(held.splice(0).map((route) => route.continue().catch(() => undefined)));
		}
	};
}

/** The failed loads these tests cause on purpose are not problems of the page. */
function forgiveExpected(guarded: GuardedPage, expected: RegExp): void {
	const kept = guarded.problems.filter((p) => !expected.test(p));
	guarded.problems.splice(0, guarded.problems.length, ...kept);
}

async function alertText(page: Page, pattern: RegExp, timeout = 20_000): Promise<string> {
	const alert = page.locator('[role="alert"]').filter({ hasText: pattern }).first();
	await alert.waitFor({ timeout });
	await collectMessages(page);
	return alert.innerText();
}

describe('faults end in a message and a way out', () => {
	test('a stalled model download times out, and Retry works once the server answers', async () => {
		let server!: ReturnType<typeof stall>;
		const guarded = await openLab('/labs/attention-heatmaps?backend=wasm', { model: 1500 }, async (context) => {
			server = stall(context, /\/models\/attention-[a-z]+\.onnx$/);
			await server.install();
		});
		const said = await alertText(guarded.page, /did not answer/);
		expect(said).toMatch(/model/);
		expect(server.count).toBeGreaterThan(0);
		await server.release();
		await guarded.page.getByTestId('model-retry').click();
		await waitForLabReady(guarded.page, 1, 60_000);
		await expect(guarded.page.locator('[role="alert"]').filter({ hasText: /could not run/ }).count()).resolves.toBe(0);
		forgiveExpected(guarded, /Failed to load resource|net::ERR/);
	});

	test('a stalled runtime .wasm times out, and Retry works once the server answers', async () => {
		let server!: ReturnType<typeof stall>;
		const guarded = await openLab('/labs/vanishing-gradients?backend=wasm', { runtime: 3000 }, async (context) => {
			server = stall(context, /\.wasm$/);
			await server.install();
		});
		const said = await alertText(guarded.page, /did not answer/, 30_000);
		expect(said).toMatch(/runtime/);
		// Released, the runtime still has to compile on a busy machine: give the retry a reader's time-out.
		await guarded.page.evaluate(() => ((window as Window & { __vlabTimeouts?: unknown }).__vlabTimeouts = {}));
		await server.release();
		await guarded.page.getByTestId('model-retry').click();
		await waitForLabReady(guarded.page, 1, 60_000);
		forgiveExpected(guarded, /Failed to load resource|net::ERR/);
	});

	test('a WebGPU runtime that fails falls back to WebAssembly by itself and says so', async () => {
		const guarded = await browser.newPage();
		// An adapter that cannot give a device: what the issue met ("failed to run: 9943320").
		await guarded.context.addInitScript(() => {
			const adapter = {
				features: new Set(),
				limits: {},
				info: {},
				isFallbackAdapter: false,
				requestAdapterInfo: async () => ({}),
				requestDevice: async () => {
					throw new Error('9943320');
				}
			};
			Object.defineProperty(navigator, 'gpu', {
				configurable: true,
				value: { requestAdapter: async () => adapter, getPreferredCanvasFormat: () => 'bgra8unorm', wgslLanguageFeatures: new Set() }
			});
		});
		await guarded.page.goto(`${browser.baseURL}/labs/vanishing-gradients`, { waitUntil: 'load' });
		await waitForLabReady(guarded.page, 1, 90_000);
		const backend = await guarded.page.evaluate(() => (window as VlabWindow).__vlab?.backend);
		expect(backend).toBe('wasm');
		const status = await guarded.page.getByTestId('backend-status').innerText();
		expect(status).toMatch(/WebGPU failed: .*running on WebAssembly/);
		await collectMessages(guarded.page);
		forgiveExpected(guarded, /Failed to load resource|net::ERR|webgpu|WebGPU|9943320/);
	});

	test('after a runtime chunk fails to load, a control change recovers once the file is back', async () => {
		let failing = true;
		const guarded = await openLab('/labs/vanishing-gradients?backend=wasm', {}, async (context) => {
			// The runtime's own script (the chunk of ORT's WASM build).
			const chunk = ortWasmChunk();
			await context.route((url) => url.pathname.endsWith(`/chunks/${chunk}`), async (route) => {
				if (failing) await route.fulfill({ status: 404, body: 'gone' });
				else await route.continue();
			});
		});
		await alertText(guarded.page, /could not be downloaded/);
		failing = false;
		const depth = await guarded.page.evaluate(() => Number((window as VlabWindow).__vlab?.state.depth));
		await guarded.page.evaluate((d) => (window as VlabWindow).__vlab?.setState({ depth: d }), depth > 2 ? depth - 1 : depth + 1);
		await waitForLabReady(guarded.page, 1, 60_000);
		forgiveExpected(guarded, /Failed to load resource|net::ERR|dynamically imported module|ortModule/);
	});

	test.each(['attention-heatmaps', 'diffusion-schedules'])('%s: a missing model gives a notice, not an endless wait', async (slug) => {
		const guarded = await openLab(`/labs/${slug}?backend=wasm`, {}, async (context) => {
			await context.route(/\/models\/[^/]+\.onnx$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
		});
		const said = await alertText(guarded.page, /could not be downloaded/);
		expect(said).toMatch(/not found/);
		forgiveExpected(guarded, /Failed to load resource|net::ERR|404/);
	});
});

afterAll(() => {
	// A run time in milliseconds is a reading, not a raw number: drop those before looking.
	const leaks = shown.map((message) => message.replace(/\d+(\.\d+)? ms\b/g, 'N ms')).filter((message) => /\d{5,}/.test(message) || /\bat \S+[/\\:]/.test(message) || /ERROR_CODE|OrtRun|InferenceSession|TypeError|\[object|undefined/.test(message));
	expect(shown.length).toBeGreaterThan(0);
	expect(leaks).toEqual([]);
});
