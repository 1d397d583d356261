/**
 * The attention lab's √d_k figure must not hold the main thread at load: it once computed every
 * d's statistics as the page hydrated, one 1.4–2.6 s task. The figure records that work as a
 * User Timing measure; it must fit well inside one 50 ms task (the "long task" line, past which
 * input waits). The benchmark reports each lab's longest main-thread task at load.
 */
import { describe, expect, test } from 'vitest';
import { SCALE_STATS_MEASURE } from '$labs/attention-heatmaps/scaleStats';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

const LONG_TASK_MS = 50;
/** Loads to try: the machine running the tests is shared, so one busy moment is forgiven. */
const ATTEMPTS = 3;

describe('main thread at load', () => {
	const browser = useBrowser('wasm');

	test(`the attention lab's √d_k figure computes its statistics in under ${LONG_TASK_MS} ms`, async () => {
		const seen: number[] = [];
		for (let i = 0; i < ATTEMPTS; i++) {
			const { page, context } = await browser.open(withQuery('/labs/attention-heatmaps', { backend: 'wasm' }));
			await waitForLabReady(page);
			await page.locator('[data-figure="scale"] svg').first().waitFor();
			const measures = await page.evaluate((name) => performance.getEntriesByName(name, 'measure').map((m) => m.duration), SCALE_STATS_MEASURE);
			await context.close();
			expect(measures, 'the figure measured its statistics once').toHaveLength(1);
			seen.push(measures[0]);
			if (measures[0] < LONG_TASK_MS) break;
		}
		expect(Math.min(...seen), `ms per load: ${seen.map((ms) => ms.toFixed(1)).join(', ')}`).toBeLessThan(LONG_TASK_MS);
	});
});
