/**
 * Where a redraw's time goes, per lab: `npx tsx scripts/bench/redrawProfile.ts [--lab <slug>]`
 * on an existing build. Opens each lab on WASM, moves its bench control back and forth while a
 * Chrome CPU profile records the main thread, and prints the median change → redraw time, the
 * median model run (`__vlab.lastRunMs`: inputs, session run, summaries) and the main thread's
 * self time by where the code lives (onnxruntime, Svelte, d3, the lab's own code, GC, idle:
 * waiting on the runtime's worker). A diagnostic, not a target check (that is scripts/bench.ts).
 *
 * It also prints the in-page user timings (`vlab:` measures) per change: the model run, the
 * session runs (with the proxy worker's round trip), summaries, results → DOM (Svelte), and the
 * style + layout the redraw costs (forced right after it). `--proxy` runs WASM sessions in ORT's
 * proxy worker (`__vlabProxy`) instead of the main thread, so the difference is its round trip. `TOP=<n>` lists
 * n functions (12 by default); with `npx vite build --minify false` they keep their names. Pages open without
 * their prerendered numbers (`__vlabNoPrerender`), so the first run is live.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../../tests/e2e/support/chromium';
import { liveLabs } from '../../src/lib/labs/registry';
import { serveBuild } from '../serve';
import { logControl } from './logControl';

const CHANGES = 40;
const onlyLab = process.argv.includes('--lab') ? process.argv[process.argv.indexOf('--lab') + 1] : undefined;
const proxy = process.argv.includes('--proxy');
// The sampling profiler slows page JS; `--timings-only` leaves it off for clean user timings.
const profiling = !process.argv.includes('--timings-only');
// `--random-phase`: each change lands at a random point of a frame, as in scripts/bench.ts (else right after one).
const randomPhase = process.argv.includes('--random-phase');

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** Which bucket a sampled frame's self time goes to. */
function bucketOf(node: ProfileNode): string {
	const { functionName: fn, url } = node.callFrame;
	if (fn === '(idle)') return 'idle (waiting: worker, timers)';
	if (fn === '(garbage collector)') return 'GC';
	if (fn === '(program)') return 'browser (style, layout, paint)';
	if (/ort|onnxruntime/i.test(url) || url.endsWith('.wasm')) return 'onnxruntime (incl. proxy messaging)';
	if (/svelte|runtime\/client|chunks/.test(url) && /set_|update|flush|effect|reconcile|each|derived|get|mark_|schedule|execute|process/i.test(fn)) return 'Svelte runtime';
	if (/d3|scale|axis|path|shape/i.test(fn)) return 'd3';
	if (url === '') return fn.startsWith('(') ? fn : 'native/builtins';
	return 'page JS (labs, viz, other)';
}

interface Measured {
	redraw: number[];
	run: number[];
	/** Style + layout forced right after each redraw. */
	layout: number[];
	/** Mean ms per change of each `vlab:` user timing recorded during the changes. */
	timings: Record<string, number>;
	/** Per change, ms from the change to the model run's start (what runs before the model). */
	beforeRun: number[];
}

async function measure(page: Page, key: string, values: readonly unknown[], log: boolean): Promise<Measured> {
	return page.evaluate(
		async ({ key, values, changes, log, randomPhase }) => {
			type Hook = { lastDrawnAt: number | null; lastRunMs: number | null; setState(patch: Record<string, unknown>): void };
			const hook = (window as unknown as { __vlab: Hook }).__vlab;
			const input = document.querySelector<HTMLInputElement>(`input#control-${key}`);
			const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
			const redraw: number[] = [];
			const run: number[] = [];
			const layout: number[] = [];
			const beforeRun: number[] = [];
			performance.clearMeasures();
			for (let i = 0; i < changes; i++) {
				await frame();
				await frame();
				// As the bench does: a reader's input lands at any point of a frame.
				if (randomPhase) await new Promise((done) => setTimeout(done, Math.random() * 16));
				const before = hook.lastDrawnAt ?? -1;
				const start = performance.now();
				const value = values[i % 2];
				if (input) {
					// A log slider's thumb moves in log10 units (Slider.svelte).
					input.value = String(log ? Math.log10(Number(value)) : value);
					input.dispatchEvent(new Event('input', { bubbles: true }));
					input.dispatchEvent(new Event('change', { bubbles: true }));
				} else hook.setState({ [key]: value });
				while ((hook.lastDrawnAt ?? -1) <= before && performance.now() - start < 10_000) await new Promise((d) => setTimeout(d, 0));
				redraw.push((hook.lastDrawnAt ?? NaN) - start);
				const runs = performance.getEntriesByName('vlab:model run').filter((m) => m.startTime >= start);
				beforeRun.push(runs.length > 0 ? runs[0].startTime - start : NaN);
				run.push(hook.lastRunMs ?? NaN);
				const forced = performance.now();
				void document.body.getBoundingClientRect();
				layout.push(performance.now() - forced);
			}
			const timings: Record<string, number> = {};
			for (const m of performance.getEntriesByType('measure'))
				if (m.name.startsWith('vlab:')) timings[m.name] = (timings[m.name] ?? 0) + m.duration / changes;
			return { redraw, run, layout, timings, beforeRun };
		},
		{ key, values, changes: CHANGES, log, randomPhase }
	);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.95 * (xs.length - 1))];

const server = await serveBuild();
const browser = await launchChromium('wasm');
try {
	for (const lab of liveLabs.filter((l) => !onlyLab || l.slug === onlyLab)) {
		// As in the bench: no service worker precaching the site through the measurement.
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
		await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
		await context.addInitScript('globalThis.__vlabNoPrerender = true;');
		if (proxy) await context.addInitScript('globalThis.__vlabProxy = true;');
		const page = await context.newPage();
		await page.goto(`${server.url}/labs/${lab.slug}?backend=wasm`);
		await page.waitForFunction(() => ((window as unknown as { __vlab?: { status: string; runs: number } }).__vlab?.runs ?? 0) >= 1, null, { timeout: 120_000 });
		// The first run's path: user timings (runtime.ts, the controller) and the runtime's downloads.
		const load = await page.evaluate(() => ({
			firstDrawnAt: (window as unknown as { __vlab: { firstDrawnAt: number | null } }).__vlab.firstDrawnAt,
			measures: performance
				.getEntriesByType('measure')
				.filter((m) => m.name.startsWith('vlab:'))
				.slice(0, 12)
				.map((m) => [m.name, m.startTime, m.duration] as const),
			downloads: performance
				.getEntriesByType('resource')
				.filter((r) => /\.(wasm|onnx)$/.test(r.name))
				.map((r) => [r.name.split('/').pop()!, r.startTime, (r as PerformanceResourceTiming).responseEnd] as const)
		}));
		console.log(`\n${lab.slug}: first results drawn at ${load.firstDrawnAt?.toFixed(0)} ms`);
		for (const [name, start, end] of load.downloads) console.log(`  fetch ${name}: ${start.toFixed(0)} → ${end.toFixed(0)} ms`);
		for (const [name, start, ms] of load.measures) console.log(`  ${name}: from ${start.toFixed(0)} ms, ${ms.toFixed(0)} ms`);
		await page.waitForTimeout(1500);
		await measure(page, lab.bench.key, lab.bench.values, logControl(lab)); // warm
		const cdp = await context.newCDPSession(page);
		if (profiling) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
			await cdp.send('Profiler.start');
		}
		const { redraw, run, layout, timings, beforeRun } = await measure(page, lab.bench.key, lab.bench.values, logControl(lab));
		const { profile } = profiling
			? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile })
			: { profile: { nodes: [], samples: [], timeDeltas: [] } as Profile };
		const byId = new Map(profile.nodes.map((n) => [n.id, n]));
		const buckets = new Map<string, number>();
		const fns = new Map<string, number>();
		for (let i = 0; i < profile.samples.length; i++) {
			const node = byId.get(profile.samples[i])!;
			const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
			const b = bucketOf(node);
			buckets.set(b, (buckets.get(b) ?? 0) + ms);
			const name = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}`;
			fns.set(name, (fns.get(name) ?? 0) + ms);
		}
		console.log(`\n${lab.slug} (${lab.bench.key} ${lab.bench.values.join('↔')}, ${CHANGES} changes)`);
		console.log(`  change → redraw: median ${median(redraw).toFixed(1)} ms, p95 ${p95(redraw).toFixed(1)} ms`);
		console.log(`  change → model run starts: median ${median(beforeRun).toFixed(1)} ms (event handlers, Svelte updates that read the state)`);
		console.log(`  model run (inputs + session.run + summaries): median ${median(run).toFixed(1)} ms`);
		console.log(`  style + layout forced after the redraw: median ${median(layout).toFixed(1)} ms`);
		console.log('  user timings, mean ms per change:');
		for (const [name, ms] of Object.entries(timings).sort((x, y) => y[1] - x[1])) console.log(`    ${ms.toFixed(2).padStart(7)}  ${name}`);
		console.log('  main-thread self time per change, by bucket:');
		for (const [b, ms] of [...buckets].sort((x, y) => y[1] - x[1])) console.log(`    ${b.padEnd(40)} ${(ms / CHANGES).toFixed(2)} ms`);
		console.log('  top functions (self ms per change):');
		for (const [f, ms] of [...fns].filter(([f]) => !f.startsWith('(idle)')).sort((x, y) => y[1] - x[1]).slice(0, Number(process.env.TOP ?? 12)))
			console.log(`    ${(ms / CHANGES).toFixed(2).padStart(7)}  ${f}`);
		await context.close();
	}
} finally {
	await browser.close();
	await server.close();
}
