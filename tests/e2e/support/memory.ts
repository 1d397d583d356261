/**
 * Reading how much memory the browser holds while a lab is walked through many shapes (issue 24),
 * shared by the memory benchmark (scripts/bench/memory.ts) and tests/e2e/memory.e2e.ts.
 *
 * What is measured: the resident memory (VmRSS, and PSS from smaps_rollup) of every Chromium
 * process started by this Node process, read from /proc and grouped by Chromium's `--type`
 * (browser, renderer, gpu-process, utility, zygote). The JS heap alone says nothing about the
 * runtime's WASM memory (an ArrayBuffer outside the heap's counters) or WebGPU buffers (held by
 * the GPU process, SwiftShader here), so the judged number is the whole tree's RSS, the figure
 * issue 24 first reported. The JS heap (CDP `Performance.getMetrics`) is recorded alongside.
 * CDP's `SystemInfo.getProcessInfo` only reports CPU time, not memory, so it is not used.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { VlabWindow } from './vlab';

const MB = 1024 * 1024;

export interface ProcessMemory {
	pid: number;
	type: string;
	rssBytes: number;
	pssBytes: number | null;
}

export interface MemorySample {
	/** Sum over Chromium's processes (bytes). */
	rss: number;
	pss: number;
	/** RSS by process type (bytes). */
	rssByType: Record<string, number>;
	jsHeapUsed: number;
	processes: number;
}

function readText(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}

/** Parent pid of every process on the machine. */
function parents(): Map<number, number> {
	const out = new Map<number, number>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const stat = readText(`/proc/${name}/stat`);
		if (!stat) continue;
		// "pid (comm) state ppid ...": comm may hold spaces or parentheses, so cut at the last ')'.
		const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		out.set(Number(name), ppid);
	}
	return out;
}

/** Every process below `root` (Chromium's zygote-forked renderers are grandchildren, hence the walk). */
export function descendants(root: number): number[] {
	const ppids = parents();
	const below = new Set<number>([root]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const [pid, ppid] of ppids) {
			if (!below.has(pid) && below.has(ppid)) {
				below.add(pid);
				grew = true;
			}
		}
	}
	below.delete(root);
	return [...below];
}

function kB(text: string, field: string): number | null {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
	return match ? Number(match[1]) * 1024 : null;
}

/** Memory of each Chromium process started by this Node process. */
export function chromiumProcesses(root = process.pid): ProcessMemory[] {
	const out: ProcessMemory[] = [];
	for (const pid of descendants(root)) {
		const cmdline = readText(`/proc/${pid}/cmdline`);
		if (!cmdline || !/chrom/i.test(cmdline.split('\0')[0])) continue;
		const status = readText(`/proc/${pid}/status`);
		const rss = status ? kB(status, 'VmRSS') : null;
		if (rss === null) continue; // gone, or a zombie
		const rollup = readText(`/proc/${pid}/smaps_rollup`);
		const type = /--type=([\w-]+)/.exec(cmdline)?.[1] ?? 'browser';
		out.push({ pid, type, rssBytes: rss, pssBytes: rollup ? kB(rollup, 'Pss') : null });
	}
	return out;
}

/** One sample: collects garbage first (so a pending GC is not counted as growth), then reads. */
export async function sampleMemory(cdp: CDPSession): Promise<MemorySample> {
	await cdp.send('HeapProfiler.collectGarbage');
	const { metrics } = await cdp.send('Performance.getMetrics');
	const processes = chromiumProcesses();
	const rssByType: Record<string, number> = {};
	for (const p of processes) rssByType[p.type] = (rssByType[p.type] ?? 0) + p.rssBytes;
	return {
		rss: processes.reduce((sum, p) => sum + p.rssBytes, 0),
		pss: processes.reduce((sum, p) => sum + (p.pssBytes ?? p.rssBytes), 0),
		rssByType,
		jsHeapUsed: metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN,
		processes: processes.length
	};
}

export async function memorySession(page: Page): Promise<CDPSession> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	return cdp;
}

export interface Shape {
	depth: number;
	width: number;
}

/**
 * `count` distinct (depth, width) shapes of the vanishing-gradients MLP, from a grid of `depths` ×
 * `widths`. The order is a Latin-square walk: every run of `depths.length` shapes visits every depth
 * and every width once, so the largest sizes come early and often, as a reader moving two sliders
 * would, and growth after the first shapes is not just a bigger model arriving late.
 */
export function shapeWalk(count: number, depths: readonly number[], widths: readonly number[]): Shape[] {
	if (depths.length !== widths.length) throw new Error('shapeWalk: a square grid is expected');
	const n = depths.length;
	if (count > n * n) throw new Error(`shapeWalk: only ${n * n} distinct shapes in the grid`);
	const shapes: Shape[] = [];
	for (let i = 0; i < count; i++) {
		const round = Math.floor(i / n);
		shapes.push({ depth: depths[i % n], width: widths[(i + round) % n] });
	}
	return shapes;
}

/** Sets a shape and waits for the lab to run it and be ready again. Returns the run's wall time. */
export async function runShape(page: Page, shape: Shape, timeout = 120_000): Promise<number> {
	const started = Date.now();
	const before = await page.evaluate(() => (window as VlabWindow).__vlab!.runs);
	await page.evaluate((patch) => (window as VlabWindow).__vlab!.setState(patch), { ...shape });
	await page.waitForFunction(
		(n) => {
			const v = (window as VlabWindow).__vlab!;
			return v.status === 'error' || (v.runs > n && v.status === 'ready');
		},
		before,
		{ timeout, polling: 20 }
	);
	const status = await page.evaluate(() => (window as VlabWindow).__vlab!.status);
	if (status === 'error') throw new Error(`the lab reported an error at depth ${shape.depth}, width ${shape.width}`);
	return Date.now() - started;
}

/** The `?debug=memory` readout's text (sessions held per backend), if the page shows it. */
export async function sessionReadout(page: Page): Promise<string | null> {
	return page
		.locator('[data-testid="memory-readout"]')
		.first()
		.textContent({ timeout: 2000 })
		.catch(() => null);
}

/** Growth of a curve after its first `skip` samples: the last sample minus the one at `skip`. */
export function growthAfter(values: number[], skip: number): number {
	if (values.length <= skip) return Number.NaN;
	// The median of the last three, so one sample caught mid-release does not decide it.
	const tail = values.slice(-3).sort((a, b) => a - b)[Math.min(1, values.slice(-3).length - 1)];
	return tail - values[skip - 1];
}

export const toMB = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;
