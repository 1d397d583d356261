/**
 * Each live lab page loads, its model runs in the page on WASM and on WebGPU (Chromium's
 * SwiftShader adapter), and both backends give the same numbers. The WebGPU page then loses its
 * device and must move to WebAssembly by itself (support/deviceLoss.ts); a lab of formulas must
 * not even ask for a device.
 *
 * The WASM load, which every lab page needs anyway, also carries the page's tour (support/tour.ts:
 * axe light and dark, its first screen at 1280 and at 390) and the count of its live marks that
 * the same page as readers get it, with its runtime refused, must keep from the build
 * (support/prerendered.ts): a lab's load runs its models, and those loads are most of what the
 * e2e suite costs.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserKind } from './support/chromium';
import { catchDevices, checkDeviceLossFallback, devicesAsked } from './support/deviceLoss';
import { useBrowser } from './support/guard';
import { checkRefusedRuntime, countMarks } from './support/prerendered';
import { LIVE_LABS, withQuery } from './support/site';
import { TOUR_CONTEXT, tourPage } from './support/tour';
import { waitForLabReady, type VlabResults, type VlabSnapshot } from './support/vlab';

/** Largest relative difference allowed between the WASM and the WebGPU numbers. */
const REL_TOL = 1e-4;
/** How far two integer counts may differ (see disagreements). */
const COUNT_TOL = 2;
/** Below this both values count as zero (GPUs may flush denormals). */
const ABS_FLOOR = 1e-30;

/** Every number in `value` (objects, arrays, and typed arrays as JSON objects) with its path. */
function numericLeaves(value: unknown, path = 'results', out: [string, number | null][] = []): [string, number | null][] {
	if (typeof value === 'number') out.push([path, value]);
	else if (value === null) out.push([path, null]); // JSON turns NaN and ±Infinity into null
	else if (Array.isArray(value)) value.forEach((v, i) => numericLeaves(v, `${path}[${i}]`, out));
	else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) numericLeaves(v, `${path}.${k}`, out);
	return out;
}

function checkResultsShape(results: VlabResults | null): asserts results is VlabResults {
	expect(results, '__vlab.results after a run').not.toBeNull();
	const leaves = numericLeaves(results);
	expect(leaves.length, 'the results hold numbers').toBeGreaterThan(0);
	expect(leaves.filter(([, v]) => v !== null && Number.isFinite(v)).length, 'some results are finite').toBeGreaterThan(0);
}

/** The parent path of a leaf: `results.preacts.17` → `results.preacts`. */
const parentOf = (path: string) => path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');

/**
 * Lists every number of `a` and `b` that differs by more than REL_TOL relative to the larger of
 * the two values or to the largest magnitude in the same array: an entry of a long sum that
 * nearly cancels to zero carries the absolute float error of its terms, not of its own size.
 */
function disagreements(a: VlabResults, b: VlabResults): string[] {
	const left = numericLeaves(a);
	const right = new Map(numericLeaves(b));
	if (left.length !== right.size) return [`different shapes: ${left.length} vs ${right.size} numbers`];
	const scale = new Map<string, number>();
	for (const [path, x] of left) {
		const parent = parentOf(path);
		scale.set(parent, Math.max(scale.get(parent) ?? 0, Math.abs(x ?? 0)));
	}
	// Counts (histogram bins) are integers: a value within float error of a bin edge may land on
	// either side on the two backends, so counts may differ by a couple.
	const bothCounts = (x: number, y: number) => Number.isInteger(x) && Number.isInteger(y) && Math.abs(x - y) <= COUNT_TOL;
	const close = (x: number | null, y: number | null, arrayScale: number) =>
		x === null || y === null
			? x === y
			: Math.abs(x - y) <= REL_TOL * Math.max(Math.abs(x), Math.abs(y), arrayScale) ||
				Math.max(Math.abs(x), Math.abs(y)) < ABS_FLOOR ||
				bothCounts(x, y);
	const out: string[] = [];
	for (const [path, x] of left) {
		const y = right.get(path);
		if (y === undefined) out.push(`${path}: missing on one side`);
		else if (!close(x, y, scale.get(parentOf(path)) ?? 0)) out.push(`${path}: ${x} vs ${y}`);
	}
	return out.slice(0, 20);
}

/** Records the .wasm files a page fetches. */
function watchWasm(page: Page): string[] {
	const urls: string[] = [];
	page.on('request', (request) => {
		if (new URL(request.url()).pathname.endsWith('.wasm')) urls.push(request.url());
	});
	return urls;
}

async function checkBackendStatus(page: Page, kind: BrowserKind): Promise<void> {
	const status = page.locator('[data-testid="backend-status"]').first();
	await status.waitFor({ state: 'visible', timeout: 10_000 });
	await expect(status.getAttribute('data-backend')).resolves.toBe(kind);
	const runMs = Number(await status.getAttribute('data-run-ms'));
	expect(Number.isFinite(runMs) && runMs >= 0, `data-run-ms is a duration (got ${runMs})`).toBe(true);
}

// One Chromium of each kind for the file: a launch costs about two seconds of CPU.
const browsers = { wasm: useBrowser('wasm'), webgpu: useBrowser('webgpu') };

for (const lab of LIVE_LABS) {
	describe(`lab page /labs/${lab.slug}`, () => {
		const seen: Partial<Record<BrowserKind, VlabSnapshot>> = {};
		let liveMarks: number | null = null;

		for (const kind of ['wasm', 'webgpu'] as const) {
			// The WASM run's page is also the one whose article is checked and toured: one load, not three.
			const name =
				kind === 'wasm'
					? 'renders the article and every figure frame, runs its model on WASM; axe, and its first screen at 1280 and 390'
					: lab.runsModels
						? 'runs its model on WebGPU; when the device is lost, moves to WebAssembly by itself'
						: 'is ready on the WebGPU setting without asking for a GPU device';
			test(name, { timeout: 420_000 }, async () => {
				const fixture = browsers[kind];
				const guarded = await fixture.newPage(kind === 'wasm' ? TOUR_CONTEXT : undefined);
				const wasmFiles = watchWasm(guarded.page);
				if (kind === 'webgpu') {
					await guarded.context.addInitScript(catchDevices);
					await guarded.page.goto(fixture.baseURL + '/');
					const adapter = await guarded.page.evaluate(async () => {
						const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
						return gpu ? (await gpu.requestAdapter()) !== null : false;
					});
					expect(adapter, 'Chromium gives a WebGPU adapter (check the launch flags)').toBe(true);
				}
				const response = await guarded.page.goto(fixture.baseURL + withQuery(`/labs/${lab.slug}`, { backend: kind }));
				expect(response?.status()).toBe(200);
				if (kind === 'wasm') {
					const { page } = guarded;
					await expect(page.locator('h1').first().innerText()).resolves.toMatch(lab.title);
					await expect(page.locator('[data-figure]').count()).resolves.toBeGreaterThan(0);
					for (const figure of lab.figures) {
						await expect(page.locator(`[data-figure="${figure}"]`).count(), `[data-figure="${figure}"]`).resolves.toBeGreaterThan(0);
					}
				}
				const snap = await waitForLabReady(guarded.page);
				expect(snap.backend, '__vlab.backend').toBe(kind);
				expect(snap.runs).toBeGreaterThanOrEqual(1);
				expect(typeof snap.firstDrawnAt, '__vlab.firstDrawnAt is set once the figure drew').toBe('number');
				checkResultsShape(snap.results);
				await checkBackendStatus(guarded.page, kind);
				// A lab of formulas has nothing to run: its page must not download the runtime at all.
				if (!lab.runsModels) expect(wasmFiles, 'a lab of formulas fetches no runtime').toEqual([]);
				else expect(wasmFiles.length, 'the runtime fetched its .wasm').toBeGreaterThan(0);
				for (const url of wasmFiles) {
					expect(url.startsWith(`${fixture.baseURL}/_app/immutable/assets/`), `${url} is served by the site`).toBe(true);
				}
				seen[kind] = snap;
				if (kind === 'wasm') {
					// Late figures (a second model's answer) have a moment to draw before the count.
					await guarded.page.waitForTimeout(1000);
					liveMarks = await countMarks(guarded.page);
					expect(liveMarks, 'the live page draws marks').toBeGreaterThan(lab.runsModels ? 50 : 0);
					await tourPage(guarded.page, { name: `lab-${lab.slug}`, path: `/labs/${lab.slug}`, live: true, embed: false }, { scan: true, shotsDir: null });
				}
				if (kind === 'webgpu') {
					if (lab.runsModels) await checkDeviceLossFallback(guarded, lab.slug, snap);
					else expect(await devicesAsked(guarded.page), 'GPU devices asked for').toBe(0);
				}
			});
		}

		if (lab.runsModels) {
			test('with its runtime refused, the page keeps the build\'s default marks, says the live model could not load, and no figure claims to be live', async () => {
				if (liveMarks === null) throw new Error('needs the WASM run above (the live marks) to have passed');
				await checkRefusedRuntime(browsers.wasm, lab.slug, liveMarks);
			}, 300_000);
		}

		test('WASM and WebGPU give the same numbers (1e-4 relative)', () => {
			const { wasm, webgpu } = seen;
			if (!wasm || !webgpu) throw new Error('needs both backend runs above to have passed');
			const { backend: _a, ...wasmState } = wasm.state;
			const { backend: _b, ...webgpuState } = webgpu.state;
			expect(webgpuState, 'both runs used the same lab state').toEqual(wasmState);
			checkResultsShape(wasm.results);
			checkResultsShape(webgpu.results);
			expect(disagreements(wasm.results, webgpu.results)).toEqual([]);
		});
	});
}
