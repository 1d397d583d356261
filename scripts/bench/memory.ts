/**
 * `npm run bench:memory`: does a long session of exploring stay within a memory bound (issue 24)?
 *
 * Serves build/, opens the vanishing-gradients lab in headless Chromium and walks it through
 * 100 distinct depth × width shapes on WASM, then 50 on WebGPU (SwiftShader), waiting for each
 * shape's run to finish. After every shape it collects garbage and reads the memory of all of
 * Chromium's processes (tests/e2e/support/memory.ts says what and why). Target: the tree grows by
 * at most 50 MB after the first 20 shapes (a WASM memory never shrinks, so the bound is that it
 * plateaus, not that it returns). Writes bench-results/memory.json; exits 1 on a miss or failure.
 *
 * `--backend wasm|webgpu` walks one backend only; `--shapes N` overrides the count for both.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, CHROMIUM_PATH, type BrowserKind } from '../../tests/e2e/support/chromium';
import {
	growthAfter,
	memorySession,
	runShape,
	sampleMemory,
	sessionReadout,
	shapeWalk,
	toMB,
	type MemorySample,
	type Shape
} from '../../tests/e2e/support/memory';
import type { VlabWindow } from '../../tests/e2e/support/vlab';
import { serveBuild } from '../serve';

const LAB = 'vanishing-gradients';
const TARGET_MB = 50;
const SKIP = 20;
const OUT_FILE = fileURLToPath(new URL('../../bench-results/memory.json', import.meta.url));

/** Ten depths × ten widths: 100 distinct shapes. WebGPU walks shallower ones: SwiftShader takes up to ~18 s for 20×192. */
const PLANS: Record<BrowserKind, { shapes: number; depths: number[]; widths: number[] }> = {
	wasm: {
		shapes: 100,
		depths: [3, 6, 9, 12, 15, 18, 21, 24, 27, 30],
		widths: [16, 32, 48, 64, 80, 96, 112, 128, 160, 192]
	},
	webgpu: {
		shapes: 50,
		depths: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20],
		widths: [16, 32, 48, 64, 80, 96, 112, 128, 160, 192]
	}
};

const arg = (name: string): string | undefined =>
	process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const onlyBackend = arg('--backend') as BrowserKind | undefined;
const shapesOverride = arg('--shapes') ? Number(arg('--shapes')) : undefined;

interface Step extends Shape {
	index: number;
	runMs: number;
	sample: MemorySample;
	readout: string | null;
}

async function walkBackend(kind: BrowserKind, origin: string) {
	const plan = PLANS[kind];
	const count = shapesOverride ?? plan.shapes;
	const shapes = shapeWalk(count, plan.depths, plan.widths);
	const browser = await launchChromium(kind);
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		// tsx names functions with `__name`, which the page must know for the callbacks we send it.
		await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
		// The live path on purpose: this measures sessions over many runs, not first paint, and
		// the first status 'ready' must mean a session exists.
		await context.addInitScript('globalThis.__vlabNoPrerender = true;');
		const page = await context.newPage();
		page.on('pageerror', (error) => console.error(`    page error: ${error.message}`));
		await page.goto(`${origin}/labs/${LAB}?backend=${kind}&debug=memory`, { waitUntil: 'load' });
		await page.waitForFunction(() => (window as VlabWindow).__vlab?.status === 'ready', null, { timeout: 120_000 });
		const backend = await page.evaluate(() => (window as VlabWindow).__vlab!.backend);
		if (backend !== kind) throw new Error(`asked for ${kind}, the lab runs on ${backend}`);
		const cdp = await memorySession(page);
		const loaded = await sampleMemory(cdp);
		console.log(` ${kind}: ${count} shapes; after load ${toMB(loaded.rss)} MB RSS`);
		const steps: Step[] = [];
		const started = Date.now();
		for (const [i, shape] of shapes.entries()) {
			const runMs = await runShape(page, shape);
			const sample = await sampleMemory(cdp);
			const readout = await sessionReadout(page);
			steps.push({ index: i + 1, ...shape, runMs, sample, readout });
			if ((i + 1) % 10 === 0 || i === 0) {
				const byType = Object.entries(sample.rssByType)
					.map(([type, bytes]) => `${type} ${toMB(bytes)}`)
					.join(', ');
				console.log(
					`  shape ${String(i + 1).padStart(3)} (${shape.depth}×${shape.width}, ${runMs} ms): RSS ${toMB(sample.rss)} MB, PSS ${toMB(sample.pss)} MB, JS heap ${toMB(sample.jsHeapUsed)} MB [${byType}] ${readout ?? ''}`
				);
			}
		}
		const seconds = (Date.now() - started) / 1000;
		await context.close();
		const rss = steps.map((s) => s.sample.rss);
		const growth = growthAfter(rss, SKIP);
		const peak = Math.max(...rss.slice(SKIP)) - rss[SKIP - 1];
		const pass = growth <= TARGET_MB * 1024 * 1024;
		console.log(
			`  [${pass ? 'PASS' : 'MISS'}] ${kind}: growth after shape ${SKIP}: ${toMB(growth)} MB (peak ${toMB(peak)} MB), target ≤ ${TARGET_MB} MB; ${seconds.toFixed(0)} s`
		);
		return {
			pass,
			result: {
				backend,
				shapes: count,
				seconds,
				afterLoad: loaded,
				growthAfterMB: toMB(growth),
				peakGrowthAfterMB: toMB(peak),
				curveMB: Object.fromEntries(steps.filter((s) => s.index === 1 || s.index % 10 === 0).map((s) => [s.index, toMB(s.sample.rss)])),
				steps
			}
		};
	} finally {
		await browser.close();
	}
}

async function main(): Promise<number> {
	const server = await serveBuild();
	const results: Record<string, unknown> = {};
	let ok = true;
	try {
		console.log(`Memory walk of ${LAB}: serving build/ at ${server.url}; Chromium ${CHROMIUM_PATH}; ${cpus().length} cores`);
		for (const kind of ['wasm', 'webgpu'] as const) {
			if (onlyBackend && onlyBackend !== kind) continue;
			try {
				const { pass, result } = await walkBackend(kind, server.url);
				results[kind] = result;
				ok &&= pass;
			} catch (error) {
				ok = false;
				console.error(`  [FAIL] ${kind}: ${error instanceof Error ? error.message : String(error)}`);
				results[kind] = { error: String(error) };
			}
		}
	} finally {
		await server.close();
	}
	const report = {
		timestamp: new Date().toISOString(),
		lab: LAB,
		targetMB: TARGET_MB,
		skipShapes: SKIP,
		measure: 'VmRSS summed over every Chromium process, after a forced GC, after each shape',
		machine: { cores: cpus().length, node: process.version, chromium: CHROMIUM_PATH },
		results
	};
	mkdirSync(join(OUT_FILE, '..'), { recursive: true });
	writeFileSync(OUT_FILE, JSON.stringify(report, null, 2) + '\n');
	console.log(`written to ${relative(process.cwd(), OUT_FILE)}`);
	return ok ? 0 : 1;
}

process.exitCode = await main();
