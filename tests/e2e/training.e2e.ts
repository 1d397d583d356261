/**
 * Figure 5 of the vanishing-gradients lab trains live in the page: on WASM (in the training
 * worker) and on WebGPU (Chromium's SwiftShader adapter, outputs kept in GPU buffers), the two
 * ReLU networks' losses end well below where they started, and nothing is logged as an error.
 * Small sizes (depth 3, width 32) keep the SwiftShader run short.
 */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

interface RunSummary {
	id: string;
	status: string;
	thread: string | null;
	steps: number;
	firstLoss: number | null;
	lastLoss: number | null;
	message: string | null;
}

type TrainingWindow = Window & { __vlabTraining?: { phase: string; runs: RunSummary[]; settings: { backend: string } | null } };

describe('figure 5, "Does it train?", trains in the browser', () => {
	const browsers = { wasm: useBrowser('wasm'), webgpu: useBrowser('webgpu') };

	for (const kind of ['wasm', 'webgpu'] as const) {
		test(`on ${kind === 'wasm' ? 'WASM, in a worker' : 'WebGPU, on the page'}`, { timeout: 300_000 }, async () => {
			const { page } = await browsers[kind].open(withQuery('/labs/vanishing-gradients', { backend: kind, depth: 3, width: 32 }));
			await waitForLabReady(page);
			await page.getByRole('button', { name: 'Start training' }).click();
			await page.waitForFunction(() => (window as TrainingWindow).__vlabTraining?.phase === 'finished', null, {
				timeout: 280_000,
				polling: 500
			});
			const hook = await page.evaluate(() => {
				const t = (window as TrainingWindow).__vlabTraining!;
				return { runs: t.runs, backend: t.settings?.backend };
			});
			expect(hook.backend).toBe(kind);
			for (const run of hook.runs) {
				expect(run.thread, `${run.id} ran where expected`).toBe(kind === 'wasm' ? 'worker' : 'page');
				expect(run.status, `${run.id}: ${run.message}`).toMatch(/done|diverged/);
			}
			for (const id of ['relu-he', 'relu-he-residual']) {
				const run = hook.runs.find((r) => r.id === id)!;
				expect(run.status, `${id}: ${run.message}`).toBe('done');
				expect(run.steps).toBe(300);
				expect(run.firstLoss, `${id} first loss`).toBeGreaterThan(0.3);
				expect(run.lastLoss!, `${id}: ${run.firstLoss} → ${run.lastLoss}`).toBeLessThan(0.5 * run.firstLoss!);
			}
			await expect(page.locator('[data-figure="training"] [data-status="done"]').count()).resolves.toBeGreaterThanOrEqual(2);
		});
	}
});
