/**
 * The largest values a link can ask for: every lab, opened on WebAssembly with every numeric
 * control of its schema past its maximum, must clamp each one with the visible note, and then
 * reach "ready" (its figures drawn) or say plainly that the setting is too large (an element
 * marked `data-testid="too-large"`) within 10 s. The schema is read from the registry, so a new
 * lab or a widened range is covered with no edit here.
 *
 * Also the diffusion lab's custom schedule with every knot at the top (a flat, high log-SNR:
 * almost no noise at any step), which must finish or say why.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { liveLabs } from '../../src/lib/labs/registry';
import type { Field, Schema } from '../../src/lib/state/schema';
import { useBrowser } from './support/guard';
import type { VlabWindow } from './support/vlab';

const browser = useBrowser('wasm');

/** The bound from the issue: what a reader opening a shared link waits at most. */
const READY_WITHIN_MS = 10_000;

type NumericField = Extract<Field, { kind: 'int' | 'number' }>;
const numericFields = (schema: Schema) =>
	Object.entries(schema).filter((entry): entry is [string, NumericField] => entry[1].kind === 'int' || entry[1].kind === 'number');

/** A value past the field's maximum (the URL parser clamps it back to the maximum). */
const pastMax = (field: NumericField) => field.max + (field.kind === 'int' ? 1 : Math.max(1, Math.abs(field.max)));

/** Waits for the lab to be ready or to say a setting is too large; returns which, and when. */
async function settle(page: Page, timeout: number): Promise<{ outcome: string; ms: number }> {
	const started = Date.now();
	const handle = await page.waitForFunction(
		() => {
			const v = (window as VlabWindow).__vlab;
			if (document.querySelector('[data-testid="too-large"]')) return 'too large';
			if (!v) return false;
			if (v.status === 'error') return 'error';
			return v.status === 'ready' && v.runs >= 1 && v.lastDrawnAt !== null ? 'ready' : false;
		},
		undefined,
		{ timeout, polling: 50 }
	);
	return { outcome: String(await handle.jsonValue()), ms: Date.now() - started };
}

describe('the largest URL values of every lab are served in time', () => {
	test.each(liveLabs.map((lab) => [lab.slug, lab] as const))('%s: every numeric control past its maximum', async (slug, lab) => {
		const fields = numericFields(lab.schema);
		const params = new URLSearchParams({ backend: 'wasm' });
		for (const [key, field] of fields) params.set(key, String(pastMax(field)));
		const guarded = await browser.newPage();
		const started = Date.now();
		await guarded.page.goto(`${browser.baseURL}/labs/${slug}?${params}`, { waitUntil: 'commit' });
		const { outcome } = await settle(guarded.page, READY_WITHIN_MS);
		const elapsed = Date.now() - started;
		expect(outcome, `after ${elapsed} ms`).toMatch(/^(ready|too large)$/);
		expect(elapsed).toBeLessThan(READY_WITHIN_MS);
		// The page runs at the maxima, and says each value was clamped.
		const state = await guarded.page.evaluate(() => (window as VlabWindow).__vlab?.state);
		for (const [key, field] of fields) expect(state?.[key], key).toBe(field.max);
		const notes = await guarded.page.locator('[role="alert"], .notice').allInnerTexts();
		for (const [key, field] of fields) expect(notes.join('\n')).toContain(`“${key}=${pastMax(field)}” is outside`);
	});

	test('diffusion: a custom schedule with every knot at the top finishes or says why', async () => {
		const lab = liveLabs.find((l) => l.slug === 'diffusion-schedules');
		if (!lab) throw new Error('the diffusion lab is not in the registry');
		const params = new URLSearchParams({ backend: 'wasm', schedule: 'custom' });
		for (const [key, field] of numericFields(lab.schema)) if (/^k\d$/.test(key)) params.set(key, String(field.max));
		expect([...params.keys()].filter((k) => /^k\d$/.test(k)).length).toBeGreaterThan(1);
		const guarded = await browser.newPage();
		const started = Date.now();
		await guarded.page.goto(`${browser.baseURL}/labs/diffusion-schedules?${params}`, { waitUntil: 'commit' });
		const { outcome } = await settle(guarded.page, READY_WITHIN_MS);
		expect(outcome).toMatch(/^(ready|too large)$/);
		// The guided samples (figure 5) run after the probe: they finish too, or the figure says why.
		const guidance = guarded.page.locator('[data-figure="guidance"]');
		await expect
			.poll(async () => (await guidance.innerText()).match(/sampling…/i) === null, { timeout: Math.max(1000, READY_WITHIN_MS - (Date.now() - started)) })
			.toBe(true);
	});
});
