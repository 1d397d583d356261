/**
 * The training benchmark: opens the bench-only page /bench/training?run=1 (see
 * src/routes/bench/training) and returns training steps per second of the benchmark MLP's
 * Adam step (2 → 128 → 128 → 128 → 1, batch 256) for our ONNX training graph and for
 * TensorFlow.js doing the same step in the same page, plus our/TF.js ratios per backend.
 *
 * `benchTraining(page, baseUrl)` is what `scripts/bench.ts` calls. Give it a page of a browser
 * launched with WebGPU enabled (`launchChromium('webgpu')`), so both backends are measured in
 * one run; without an adapter the WebGPU entries are left out.
 *
 * Standalone: `npx tsx scripts/bench/training.ts` (after `npx vite build`) serves build/,
 * launches Debian's Chromium with WebGPU (SwiftShader here) and prints the numbers.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

interface Published {
	ours: Record<'wasm' | 'webgpu', number | null>;
	tfjs: Record<'wasm' | 'webgpu' | 'cpu', number | null>;
}

/**
 * Keys (steps/s): ours.wasm, ours.webgpu, tfjs.wasm, tfjs.webgpu, tfjs.cpu; and ratio.wasm,
 * ratio.webgpu (ours / TF.js).
 */
export async function benchTraining(page: Page, baseUrl: string): Promise<Record<string, number>> {
	await page.goto(`${baseUrl}/bench/training?run=1`);
	await page.waitForFunction(
		() => ['done', 'error'].includes((globalThis as { __trainBenchStatus?: string }).__trainBenchStatus ?? ''),
		null,
		{ timeout: 900_000, polling: 500 }
	);
	const status = await page.evaluate(() => (globalThis as { __trainBenchStatus?: string }).__trainBenchStatus);
	if (status !== 'done') throw new Error(`training benchmark page: ${await page.locator('[data-status]').innerText()}`);
	const r = await page.evaluate(() => (globalThis as { __trainBench?: Published }).__trainBench!);
	const out: Record<string, number> = {};
	const put = (key: string, value: number | null) => {
		if (value !== null && Number.isFinite(value)) out[key] = value;
	};
	put('ours.wasm', r.ours.wasm);
	put('ours.webgpu', r.ours.webgpu);
	put('tfjs.wasm', r.tfjs.wasm);
	put('tfjs.webgpu', r.tfjs.webgpu);
	put('tfjs.cpu', r.tfjs.cpu);
	if (r.ours.wasm && r.tfjs.wasm) put('ratio.wasm', r.ours.wasm / r.tfjs.wasm);
	if (r.ours.webgpu && r.tfjs.webgpu) put('ratio.webgpu', r.ours.webgpu / r.tfjs.webgpu);
	return out;
}

async function main(): Promise<void> {
	const [{ launchChromium }, { serveBuild }] = await Promise.all([import('../../tests/e2e/support/chromium'), import('../serve')]);
	const server = await serveBuild();
	const browser = await launchChromium('webgpu');
	try {
		const page = await browser.newPage();
		page.on('pageerror', (e) => console.log('page error:', e.message));
		page.on('console', (m) => {
			if (m.text().startsWith('training bench:')) console.log(' ', m.text());
		});
		const results = await benchTraining(page, server.url);
		console.log('Training steps/s (MLP 2-128-128-128-1, batch 256, Adam), headless Chromium:');
		for (const [key, value] of Object.entries(results)) console.log(`  ${key.padEnd(13)} ${value.toFixed(key.startsWith('ratio') ? 2 : 1)}`);
	} finally {
		await browser.close();
		await server.close();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
