/**
 * The backprop lab's own interactions, on WASM: stepping the graph from the keyboard, dragging a
 * weight (every gradient follows, as the float64 reference fed the same weight says), and hovering
 * a forward box, which lights its adjoint in the backward graph.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/guard';
import { vlabSnapshot, waitForLabReady, type VlabWindow } from './support/vlab';
import { drawSample } from '$labs/backprop/data';
import { PARAM_NAMES } from '$labs/backprop/model';
import { referenceRun } from '$labs/backprop/reference';
import { applyWeights, parseWeights } from '$labs/backprop/weights';

const forwardGraph = (page: Page) => page.locator('[data-figure="forward-graph"]');

/**
 * Waits for a live run after `since` runs whose results are the state now set, drawn: a run
 * started for an earlier state (a click just before) may land first, and more so under load.
 */
async function nextRun(page: Page, since: number) {
	await page.waitForFunction((r) => {
		const v = (window as VlabWindow).__vlab!;
		const forState = v.resultsFor !== null && Object.entries(v.resultsFor).every(([k, value]) => JSON.stringify(v.state[k]) === JSON.stringify(value));
		return v.status === 'ready' && v.runs > r && v.lastDrawnAt !== null && forState;
	}, since, { timeout: 60_000 });
	return (await vlabSnapshot(page))!;
}

describe('backprop: the graph, node by node', () => {
	const browser = useBrowser('wasm');

	test('the arrow keys step the forward graph one node at a time, and back', async () => {
		const { page } = await browser.open('/labs/backprop?backend=wasm');
		await waitForLabReady(page);
		const figure = forwardGraph(page);
		await figure.getByRole('button', { name: 'Step ▸' }).focus();
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
		// MatMul → XW₁, Add → z₁, then the activation: h₁ is the third node computed.
		await expect.poll(() => figure.locator('g.box.shown').count()).toBe(3);
		expect(await figure.locator('g.box.current .label').textContent()).toBe('h₁');
		expect(await figure.getByText(/^3 of \d+ nodes run .*last: forward Tanh → h₁$/).count()).toBe(1);
		await page.keyboard.press('ArrowLeft');
		await expect.poll(() => figure.locator('g.box.shown').count()).toBe(2);
		expect((await vlabSnapshot(page))!.state.step).toBe(2);
		await expect.poll(() => new URL(page.url()).searchParams.get('step'), { timeout: 5_000 }).toBe('2');
	});

	test('a dragged weight changes every gradient as the float64 reference fed the same weight does', async () => {
		const { page } = await browser.open('/labs/backprop?backend=wasm');
		const before = await waitForLabReady(page);
		const figure = forwardGraph(page);
		await figure.getByRole('button', { name: 'Run all' }).click();
		const slider = figure.getByLabel('Its value', { exact: true });
		await slider.focus();
		await page.keyboard.press('ArrowRight');
		const after = await nextRun(page, before.runs);
		const w = String(after.resultsFor!.w);
		const [dragged] = parseWeights(w, 3).overrides;
		expect(dragged.param).toBe('W1');
		expect(dragged.index).toBe(0);
		const seeded = drawSample(3, 1, 1);
		expect(dragged.value).toBeCloseTo(seeded.params.W1[0] + 0.05, 1);
		const params = applyWeights(seeded.params, [dragged]);
		const ref = referenceRun({ ...params, X: seeded.X, Y: seeded.Y, batch: 1, hidden: 3, act: 'tanh', loss: 'ce' });
		const got = after.results!.grads as Record<string, number[]>;
		const was = before.results!.grads as Record<string, number[]>;
		for (const p of PARAM_NAMES) got[p].forEach((g, i) => expect(Math.abs(g - ref.grads[p][i]), `${p}[${i}]`).toBeLessThanOrEqual(1e-6));
		// It is not the seeded gradient any more: W₂'s gradient moves with h₁, which W₁ feeds.
		expect(got.W2.some((g, i) => Math.abs(g - was.W2[i]) > 1e-4)).toBe(true);
		expect(await figure.getByText(/^Dragged: W₁\[1,1\] = /).count()).toBe(1);
	});

	test('hovering a forward box lights its adjoint in the backward graph, and only while hovered', async () => {
		const { page } = await browser.open('/labs/backprop?backend=wasm&step=48');
		await waitForLabReady(page);
		// The backward graph is veiled by three checkpoints before it: have each show its answer.
		for (const id of ['b2-signs', 'saved-tensors', 'matmul-count'])
			await page.locator(`[data-checkpoint-id="${id}"]`).getByRole('button', { name: 'Show me the answer' }).click();
		const backward = page.locator('[data-figure="backward-graph"]');
		await expect.poll(() => backward.getByTestId('figure-veiled').count()).toBe(0);
		// An answer may set the lab's state (a wider layer): the page's numbers and the results read
		// below must both be that state's.
		await nextRun(page, -1);
		const h1 = forwardGraph(page).locator('g.box', { has: page.locator('text.label', { hasText: /^h₁$/ }) });
		await h1.hover();
		await expect.poll(() => h1.evaluate((el) => el.classList.contains('lit'))).toBe(true);
		const lit = backward.locator('g.box.lit .label');
		await expect.poll(() => lit.allTextContents()).toEqual(['∂L/∂h₁']);
		// The derivation's adjoint sum follows the pointer: h₁'s one term, the backward graph's numbers.
		const sum = page.getByTestId('live-adjoint-sum');
		expect(await sum.locator('.lhs').textContent()).toBe('∂L/∂h₁');
		const snap = (await vlabSnapshot(page))!;
		const graph = snap.results!.graph as { named: { h1: string }; adjoints: Record<string, string> };
		const adjoint = (snap.results!.values as Record<string, number[]>)[graph.adjoints[graph.named.h1]];
		// Up to four entries of the first sample's row ("[a, b, c, d, …]"); "Show me the answer" may have set a wider layer.
		const shown = (await sum.locator('.term').allTextContents()).map((t) =>
			t
				.replace(/[[\]…\s]/g, '')
				.split(',')
				.filter((x) => x !== '')
				.map((x) => Number(x.replace('−', '-')))
		);
		expect(shown).toHaveLength(1);
		expect(shown[0].length).toBeGreaterThanOrEqual(2);
		// Shown to three significant digits: within half a unit of the third.
		const halfUnit = (a: number) => 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(a))) - 2) + 1e-9;
		shown[0].forEach((v, i) => expect(Math.abs(v - adjoint[i]), `entry ${i}: ${v} vs ${adjoint[i]}`).toBeLessThanOrEqual(halfUnit(adjoint[i])));
		await page.mouse.move(5, 5);
		await expect.poll(() => backward.locator('g.box.lit').count()).toBe(0);
	});
});
