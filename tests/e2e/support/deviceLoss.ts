/**
 * A WebGPU device lost after a lab has loaded (issue 25), checked on the page lab.e2e already
 * loaded on WebGPU (one load per lab, not two): every GPU device the page was given is destroyed,
 * and then, within a bounded time, the page must still answer, report WebAssembly, say so in the
 * backend notice, and draw new results for a control change (twice: one sent right after the
 * loss, one after the fallback). Before the fix the diffusion lab froze here, its main thread
 * spinning inside the runtime on the dead device. No uncaught error may appear (the guard fails
 * the test on one).
 *
 * The devices are caught by wrapping `GPUAdapter.prototype.requestDevice` before the page's own
 * scripts run (`catchDevices`, added as an init script before the page loads).
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { liveLabs } from '../../../src/lib/labs/registry';
import type { Schema } from '../../../src/lib/state/schema';
import type { GuardedPage } from './guard';
import type { VlabSnapshot, VlabWindow } from './vlab';

type DeviceWindow = VlabWindow & { __devices?: { destroy(): void }[] };
type SamplerWindow = Window & { __vlabSampler?: { backend: string; status: string } };

/** A control change per lab whose results differ from the default's; other labs move their first int control. */
type Patch = Record<string, string | number | boolean>;

const PATCHES: Record<string, Patch> = {
	'vanishing-gradients': { depth: 12 },
	'normalization-axes': { batch: 9 },
	'double-descent': { p: 120 },
	'attention-heatmaps': { tokens: '72940' },
	'diffusion-schedules': { t: 300 }
};

function patchFor(slug: string, schema: Schema): Patch {
	if (PATCHES[slug]) return PATCHES[slug];
	const [key, field] = Object.entries(schema).find(([, f]) => f.kind === 'int') ?? [];
	if (!key || field?.kind !== 'int') throw new Error(`${slug}: no int control to change; add a patch to PATCHES`);
	return { [key]: field.default < field.max ? field.default + 1 : field.default - 1 };
}

/** Records every GPU device the page is given, so the test can destroy them. Runs in the page. */
export function catchDevices(): void {
	if (typeof GPUAdapter === 'undefined') return;
	const w = window as unknown as { __devices: unknown[] };
	w.__devices = [];
	const request = GPUAdapter.prototype.requestDevice;
	GPUAdapter.prototype.requestDevice = async function (this: GPUAdapter, ...args: Parameters<GPUAdapter['requestDevice']>) {
		const device = await request.apply(this, args);
		w.__devices.push(device);
		return device;
	};
}

/** How many GPU devices the page asked for so far. */
export function devicesAsked(page: Page): Promise<number> {
	return page.evaluate(() => ((window as DeviceWindow).__devices ?? []).length);
}

/** Fails (instead of hanging until the test's time-out) when `work` has not settled within `ms`. */
async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms; the page's main thread is stuck`)), ms);
	});
	try {
		return await Promise.race([work, late]);
	} finally {
		clearTimeout(timer);
	}
}

/** Evaluates `fn` in the page, failing when the main thread does not answer within 10 s. */
function answers<T>(page: Page, what: string, fn: (arg: Patch) => T, arg: Patch = {}): Promise<T> {
	return within(page.evaluate(fn, arg), 10_000, what);
}

/**
 * Sets `patch` through the test hook and waits for results computed for it, after `runs` model
 * runs. Results are matched by the state they were computed for: comparing them with the ones
 * before can be fooled, since a run the fallback started for the old state differs from the
 * WebGPU one in the last digits.
 */
async function changeAndWait(page: Page, patch: Patch, runs: number, timeout: number): Promise<void> {
	await answers(page, `setting ${JSON.stringify(patch)}`, (p: Patch) => (window as VlabWindow).__vlab!.setState(p), patch);
	const drawn = page.waitForFunction(
		({ patch, runs }) => {
			const v = (window as VlabWindow).__vlab;
			if (!v || v.status !== 'ready' || v.runs <= runs || !v.resultsFor) return false;
			return Object.entries(patch).every(([k, value]) => v.state[k] === value && v.resultsFor![k] === value);
		},
		{ patch, runs },
		{ timeout, polling: 200 }
	);
	await within(drawn, timeout + 5_000, `waiting for results of ${JSON.stringify(patch)}`);
}

/**
 * The runtime's messages about the dead device (console errors from ORT) are expected here;
 * uncaught errors are not. ORT colours each error it logs and writes the colour's reset as a
 * console error of its own, with nothing else in it: after a kernel failed on the lost device
 * (MemcpyToHost, seen on the backprop lab) that one carries none of the words below.
 */
const BARE_COLOUR_RESET = /^console error:\s*(?:\u001b\[[\d;]*m\s*)+(?:\(at [^)]*\))?$/;

function forgiveRuntimeLogs(guarded: GuardedPage): void {
	const kept = guarded.problems.filter((p) => !(p.startsWith('console error:') && (/webgpu|device|OrtRun|buffer|GPU/i.test(p) || BARE_COLOUR_RESET.test(p))));
	guarded.problems.splice(0, guarded.problems.length, ...kept);
}

/** Destroys the devices of a lab page that is ready on WebGPU (`ready`), then checks the move to WebAssembly. */
export async function checkDeviceLossFallback(guarded: GuardedPage, slug: string, ready: VlabSnapshot): Promise<void> {
	const { page } = guarded;
	const lab = liveLabs.find((l) => l.slug === slug);
	if (!lab) throw new Error(`${slug} is not a live lab`);
	// The diffusion lab's last finished DDIM run (null: none finished yet, so WebGPU cuts one off).
	const samplerBefore = slug === 'diffusion-schedules' ? await page.evaluate(() => (window as SamplerWindow).__vlabSampler?.status ?? null) : 'none';
	const destroyed = await answers(page, 'destroying the devices', () => {
		const devices = (window as DeviceWindow).__devices ?? [];
		for (const device of devices) device.destroy();
		return devices.length;
	});
	expect(destroyed, 'the page asked for a GPU device').toBeGreaterThan(0);

	// A control change right after the loss: the page must take it and draw it on WebAssembly.
	const patch = patchFor(slug, lab.schema);
	await changeAndWait(page, patch, ready.runs, 120_000);
	const after = await answers(page, 'reading the backend', () => {
		const v = (window as VlabWindow).__vlab!;
		return { backend: v.backend, runs: v.runs };
	});
	expect(after.backend).toBe('wasm');
	const notice = page.getByTestId('backend-status');
	await expect(notice.getAttribute('data-backend')).resolves.toBe('wasm');
	await expect(notice.innerText()).resolves.toMatch(/WebGPU failed: .+; running on WebAssembly\./);

	// And another, back to the defaults: still answering, still on WebAssembly.
	const back = Object.fromEntries(Object.keys(patch).map((key) => [key, lab.schema[key].default]));
	await changeAndWait(page, back, after.runs, 120_000);
	expect(await answers(page, 'reading the backend', () => (window as VlabWindow).__vlab!.backend)).toBe('wasm');

	// A DDIM run of the diffusion lab that WebGPU cut off starts again and ends on WebAssembly.
	if (samplerBefore === null) {
		await page.waitForFunction(
			() => {
				const s = (window as SamplerWindow).__vlabSampler;
				return s?.backend === 'wasm' && s.status === 'done';
			},
			null,
			{ timeout: 60_000, polling: 250 }
		);
	}
	// No run is left showing the refusal of a dead device.
	await expect(page.locator('body').innerText()).resolves.not.toMatch(/WebGPU stopped working/);
	forgiveRuntimeLogs(guarded);
}
