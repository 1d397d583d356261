/** The lab's state lives in the URL: it loads from it, writes back to it, and survives bad input. */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady, type VlabWindow } from './support/vlab';

const LAB = '/labs/vanishing-gradients';

describe('URL state (vanishing gradients)', () => {
	const browser = useBrowser('wasm');

	test('?depth=7&act=relu sets the controls; ArrowRight on depth writes depth=8 back', async () => {
		const { page } = await browser.open(withQuery(LAB, { backend: 'wasm', depth: 7, act: 'relu' }));
		const before = await waitForLabReady(page);
		const depth = page.locator('#control-depth');
		await expect(depth.inputValue()).resolves.toBe('7');
		await expect(page.locator('#control-act').count()).resolves.toBe(1);
		expect(before.state.depth).toBe(7);
		expect(before.state.act).toBe('relu');

		await depth.focus();
		await page.keyboard.press('ArrowRight');
		await page.waitForFunction(() => new URLSearchParams(location.search).get('depth') === '8', null, { timeout: 10_000 });
		const search = new URLSearchParams(await page.evaluate(() => location.search));
		expect(search.get('act'), 'other settings stay in the URL').toBe('relu');
		await expect(depth.inputValue()).resolves.toBe('8');
		// The model ran again for the new depth.
		await page.waitForFunction(
			(runs) => {
				const v = (window as VlabWindow).__vlab;
				return v !== undefined && v.state.depth === 8 && v.runs > runs && v.status === 'ready';
			},
			before.runs,
			{ timeout: 30_000 }
		);

		// The URL it wrote opens the same view.
		await page.reload();
		await waitForLabReady(page);
		await expect(page.locator('#control-depth').inputValue()).resolves.toBe('8');
	});

	test('?depth=999&act=banana: a visible note names depth, depth is clamped to 50, the lab still runs', async () => {
		const { page } = await browser.open(withQuery(LAB, { backend: 'wasm', depth: 999, act: 'banana' }));
		const note = page.locator('[role="status"], [role="alert"]').filter({ hasText: /depth/i }).first();
		await note.waitFor({ state: 'visible', timeout: 10_000 });
		const snap = await waitForLabReady(page);
		await expect(page.locator('#control-depth').inputValue()).resolves.toBe('50');
		expect(snap.state.depth).toBe(50);
		expect(snap.state.act, 'an unknown activation falls back to a valid one').not.toBe('banana');
		await expect(page.locator('[data-figure]').first().isVisible()).resolves.toBe(true);
		expect(snap.results).not.toBeNull();
	});
});
