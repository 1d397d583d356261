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
import { LIVE_LABS } from './support/site';
import { waitForLabReady, type VlabWindow } from './support/vlab';

const browser = useBrowser('wasm');

/** The built chunk holding ORT's WASM build (it names the plain .wasm, not a WebGPU build's: asyncify or jspi). */
function ortWasmChunk(): string {
	const dir = 'build/_app/immutable/chunks';
	const found = readdirSync(dir).filter((file) => {
		const text = readFileSync(`${dir}/${file}`, 'utf8');
		return file.endsWith('.js') && text.includes('ort-wasm-simd-threaded.') && !/asyncify|jspi/.test(text);
	});
	if (found.length !== 1) throw new Error(`expected one chunk with ORT's WASM build, found ${found.join(', ') || 'none'}`);
	return found[0];
}

/** Every message the reader saw in these tests (checked at the end). */
const shown: string[] = [];

async function collectMessages(page: Page): Promise<string[]> {
	const texts = await page.locator('[role="alert"], [data-testid="backend-status"], [data-testid="figure-fault"], [role="status"], [data-run]').allInnerTexts();
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

/** Words of a figure still waiting for numbers that will never come. */
const WAITING = /waiting for|sampling…|measuring…|timing the|loading the model…|starting…|preparing…|computing…|runs done…/i;

/** The training worker's script (the sweep worker of double descent is another file). */
const TRAINING_WORKER = /\/workers\/worker-[^/]+\.js$/;

/**
 * Every figure on the page, once `timeout` has passed at most: showing its error notice, or
 * settled (no waiting words). Returns the figures that still wait, with what they say.
 */
async function waitingFigures(page: Page, timeout: number): Promise<string[]> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const still = await page.locator('[data-figure]').evaluateAll(
			(figures, waiting) =>
				figures
					.filter((f) => !f.querySelector('[data-testid="figure-fault"]'))
					.map((f) => ({ id: f.getAttribute('data-figure'), text: (f as HTMLElement).innerText }))
					.filter((f) => new RegExp(waiting, 'i').test(f.text))
					.map((f) => `${f.id}: ${f.text.match(new RegExp(`.{0,40}(${waiting}).{0,40}`, 'i'))?.[0] ?? ''}`),
			WAITING.source
		);
		if (still.length === 0 || Date.now() > deadline) return still;
		await page.waitForTimeout(250);
	}
}

describe('no figure waits forever when its model fails', () => {
	test.each(LIVE_LABS.map((lab) => lab.slug))('%s: every model file and the training code missing', { timeout: 180_000 }, async (slug) => {
		let workerBack = false;
		const guarded = await openLab(`/labs/${slug}?backend=wasm`, {}, async (context) => {
			await context.route(/\/models\/[^/]+\.onnx$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
			await context.route(TRAINING_WORKER, async (route) => {
				if (workerBack) return route.continue();
				await route.fulfill({ status: 404, body: 'not found' });
			});
		});
		const { page } = guarded;
		// The lab's own model either runs (its graph is built on the page) or fails with a notice.
		await page.waitForFunction(() => ['ready', 'error'].includes((window as VlabWindow).__vlab?.status ?? ''), undefined, { timeout: 90_000 });
		// A training figure's run, started as a reader would: it must fail with a notice, not hang.
		const training = await page.evaluate(() => {
			const hook = (window as Window & { __vlabTraining?: { start(): void } }).__vlabTraining;
			hook?.start();
			return Boolean(hook);
		});
		const still = await waitingFigures(page, 30_000);
		await collectMessages(page);
		expect(still).toEqual([]);
		if (training) {
			// The run ends (failed), whether its first step on the page or its worker failed first.
			const ended = await page.waitForFunction(
				() => {
					const status = (window as Window & { __vlabTraining?: { status: string } }).__vlabTraining?.status ?? '';
					return ['error', 'done', 'diverged', 'cancelled'].includes(status) ? status : false;
				},
				undefined,
				{ timeout: 30_000 }
			);
			expect(await ended.jsonValue()).toBe('error');
			await collectMessages(page);
			const labFailed = await page.evaluate(() => (window as VlabWindow).__vlab?.status === 'error');
			if (labFailed) {
				// Every figure, the training one included, shows the lab's notice with its Retry.
				await expect(page.locator('[data-figure]:not(:has([data-testid="figure-fault"] button))').count()).resolves.toBe(0);
			} else {
				// The training figure says so itself, with a Retry that trains once the file is back.
				const notice = page.locator('[data-figure] [data-testid="figure-fault"]').filter({ hasText: /Training failed: .*could not be loaded/ });
				await expect(notice.count()).resolves.toBeGreaterThan(0);
				workerBack = true;
				await notice.first().locator('button').click();
				await page.waitForFunction(() => ['running', 'done', 'paused'].includes((window as Window & { __vlabTraining?: { status: string } }).__vlabTraining?.status ?? ''), undefined, { timeout: 30_000 });
			}
		}
		forgiveExpected(guarded, /Failed to load resource|net::ERR|404|worker/i);
	});

	test('diffusion: the guided model missing gives the guidance figure its own notice', async () => {
		const guarded = await openLab('/labs/diffusion-schedules?backend=wasm', {}, async (context) => {
			await context.route(/\/models\/diffusion-guided\.onnx$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
		});
		await waitForLabReady(guarded.page, 1, 60_000);
		const notice = guarded.page.locator('[data-figure="guidance"] [data-testid="figure-fault"]');
		await notice.waitFor({ timeout: 30_000 });
		await expect(notice.innerText()).resolves.toMatch(/could not be downloaded/);
		expect(await waitingFigures(guarded.page, 10_000)).toEqual([]);
		await collectMessages(guarded.page);
		forgiveExpected(guarded, /Failed to load resource|net::ERR|404/);
	});
});

afterAll(() => {
	// A run time in milliseconds is a reading, not a raw number: drop those before looking.
	const leaks = shown
		.map((message) => message.replace(/\d+(\.\d+)? ms\b/g, 'N ms'))
		.filter(
			(message) =>
				/\b\d{5,}\b/.test(message) || // a raw number (an error code, a pointer)
				/\bat \S+[/\\:]|\(\S+:\d+:\d+\)/.test(message) || // a stack frame
				/\b\w*Error:|\bError\b:?|ERROR_CODE|\[object|undefined|\bnull\b|NaN/.test(message) || // a raw error
				/(\w+\/)+\w+\.(js|ts|wasm|onnx|mjs)\b|https?:\/\/|\/_app\//.test(message) || // a file path or address
				/OrtRun|InferenceSession|LabFault|LiveRun|__vlab|\b[a-z]+[A-Z]\w*\(|\w+_\w+_\w+/.test(message) // an internal name
		);
	expect(shown.length).toBeGreaterThan(0);
	expect(leaks).toEqual([]);
});
