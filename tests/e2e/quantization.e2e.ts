/**
 * The quantization lab's pruning figure times one layer in the browser on the reader's press:
 * dense, with 90% of its weights zero, and with half its columns removed. Only that the three
 * times arrive, finite, is tested here; their ratios are a benchmark (`npm run bench:pruning`).
 */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

describe('quantization, the pruning figure: a layer timed in the browser', () => {
	const browser = useBrowser('wasm');

	test('Time a layer gives a median time for each of the three layers', { timeout: 120_000 }, async () => {
		const { page } = await browser.open(withQuery('/labs/quantization', { backend: 'wasm' }));
		await waitForLabReady(page);
		// The figure is veiled until its checkpoint is answered.
		const card = page.locator('[data-checkpoint-id="prune-half"]');
		await card.locator('input[type=radio]').first().check();
		await card.getByTestId('checkpoint-commit').click();
		const frame = page.locator('[data-figure="pruning"]');
		await frame.getByRole('button', { name: 'Time a layer' }).click();
		const stats = frame.getByTestId('timing-stats');
		await stats.waitFor({ timeout: 100_000 });
		const text = await stats.innerText();
		const times = [...text.matchAll(/([\d.]+) ms/g)].map((m) => Number(m[1]));
		expect(times, text).toHaveLength(3);
		for (const t of times) expect(t).toBeGreaterThan(0);
		expect(text).toMatch(/90% zeros/);
		expect(text).toMatch(/half the columns/);
	});
});
