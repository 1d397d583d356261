/**
 * The overfitting lab's own interaction: figure 1 trains in the browser, on WASM (in the training
 * worker) and on WebGPU (on the page), reading both sets every epoch. Small settings (n = 64,
 * width 32, 40 epochs of 2 steps at η = 0.003; in Node it ends at 100% vs 60%) keep the SwiftShader run short.
 */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady, type VlabWindow } from './support/vlab';

/** One Chromium of each kind for the file (a launch costs about two seconds of CPU). */
const browsers = { wasm: useBrowser('wasm'), webgpu: useBrowser('webgpu') };

interface EpochSummary {
	epoch: number;
	trainLoss: number;
	trainAcc: number;
	valLoss: number;
	valAcc: number;
}

type TrainingWindow = Window & {
	__vlabTraining?: {
		phase: string;
		runs: { id: string; status: string; thread: string | null; epochs: number; last: EpochSummary | null; message: string | null }[];
		settings: { backend: string } | null;
	};
};

describe('overfitting, figure 1: trains in the browser', () => {
	for (const kind of ['wasm', 'webgpu'] as const) {
		test(`on ${kind === 'wasm' ? 'WASM, in a worker' : 'WebGPU, on the page'}`, { timeout: 300_000 }, async () => {
			const { page } = await browsers[kind].open(withQuery('/labs/overfitting', { backend: kind, n: 64, width: 32, epochs: 40, lr: 0.003 }));
			await waitForLabReady(page);
			const frame = page.locator('[data-figure="symptom"]');
			// Not the default settings: the recording is not shown as this run's.
			await expect(frame.getByTestId('recorded-note').count()).resolves.toBe(0);
			await frame.getByRole('button', { name: 'Start training' }).click();
			await page.waitForFunction(() => (window as TrainingWindow).__vlabTraining?.phase === 'finished', null, { timeout: 280_000, polling: 500 });
			const hook = await page.evaluate(() => {
				const t = (window as TrainingWindow).__vlabTraining!;
				return { run: t.runs[0], backend: t.settings?.backend };
			});
			expect(hook.backend).toBe(kind);
			expect(hook.run.thread).toBe(kind === 'wasm' ? 'worker' : 'page');
			expect(hook.run.status, hook.run.message ?? '').toBe('done');
			// Epochs 0…40, each read from both sets.
			expect(hook.run.epochs).toBe(41);
			const last = hook.run.last!;
			expect(last.epoch).toBe(40);
			expect(last.trainAcc).toBeGreaterThan(0.9);
			expect(last.trainAcc - last.valAcc, 'the gap opens').toBeGreaterThan(0.1);
			expect(last.trainLoss).toBeLessThan(last.valLoss);
		});
	}

});

type CurvesWindow = Window & {
	__vlabTraining?: { phase: string; runs: { id: string; status: string; point: { n: number; width: number; trainError: number; valError: number } | null; message: string | null }[] };
};

describe('overfitting, figure 5: learning curves', () => {
	const browser = browsers.wasm;

	test('the recorded sweep is drawn without scripts; Train all sizes trains every n at both widths, over two seeds', { timeout: 300_000 }, async () => {
		const still = (await browser.open('/labs/overfitting', { javaScriptEnabled: false })).page.locator('[data-figure="curves"]');
		await expect(still.getByTestId('recorded-note').count()).resolves.toBe(1);
		// Two widths × (training line, validation line, band): six paths at least.
		await expect(still.locator('svg path').count()).resolves.toBeGreaterThanOrEqual(6);

		// 10 epochs at widths 32 and 8 keep the runs short; two seeds each: 28 runs, averaged in pairs.
		const { page } = await browser.open(withQuery('/labs/overfitting', { backend: 'wasm', width: 32, epochs: 10, lr: 0.003, seeds: 2 }));
		await waitForLabReady(page);
		const frame = page.locator('[data-figure="curves"]');
		await expect(frame.getByTestId('recorded-note').count()).resolves.toBe(0);
		await frame.getByRole('button', { name: 'Train all sizes' }).click();
		await page.waitForFunction(() => (window as CurvesWindow).__vlabTraining?.phase === 'finished', null, { timeout: 280_000, polling: 500 });
		const runs = await page.evaluate(() => (window as CurvesWindow).__vlabTraining!.runs);
		expect(runs.map((r) => r.id)).toEqual([32, 64, 128, 256, 512, 1024, 2048].flatMap((n) => [32, 8].flatMap((w) => [`n${n}-w${w}-s0`, `n${n}-w${w}-s1`])));
		for (const r of runs) expect(r.status, r.message ?? '').toBe('done');
		// The two seeds train on different data and weights: their readings differ.
		expect(runs[0].point!.valError).not.toBe(runs[1].point!.valError);
		// More data, lower validation error: n = 2048 beats n = 32 at either width, on each seed.
		for (const width of [32, 8]) {
			const at = (n: number) => runs.filter((r) => r.point!.n === n && r.point!.width === width).map((r) => r.point!.valError);
			at(2048).forEach((e, k) => expect(e).toBeLessThan(at(32)[k]));
		}
		// The table has one row per (n, width): the mean of its two seeds.
		// The table is built when it opens: wait for its rows, not the first frame after the click.
		await frame.getByText('Show data').click();
		await expect.poll(() => frame.locator('table tbody tr').count()).toBe(14);
		await expect(frame.locator('svg path').count()).resolves.toBeGreaterThanOrEqual(6);
	});
});

type SweepWindow = Window & {
	__vlabTraining?: { phase: string; runs: { id: string; status: string; fit: number | null; epoch: number; message: string | null }[] };
};

describe('overfitting, figure 7: epochs to fit against ρ', () => {
	const browser = browsers.wasm;

	test('the recorded sweep is drawn without scripts; Sweep ρ trains each ρ until it fits', { timeout: 300_000 }, async () => {
		const still = (await browser.open('/labs/overfitting', { javaScriptEnabled: false })).page.getByTestId('fit-sweep');
		await expect(still.getByTestId('recorded-note').count()).resolves.toBe(1);
		await expect(still.locator('svg circle').count()).resolves.toBe(6);

		const { page } = await browser.open(withQuery('/labs/overfitting', { backend: 'wasm' }));
		await waitForLabReady(page);
		// The figure is veiled until its checkpoint is answered; answering sets the checkpoint's state.
		const card = page.locator('[data-checkpoint-id="random-labels"]');
		await card.locator('input[type=radio]').first().check();
		await card.getByTestId('checkpoint-commit').click();
		// Then small settings: the six runs stay short.
		await page.evaluate(() => (window as VlabWindow).__vlab!.setState({ n: 64, width: 32, epochs: 40, lr: 0.003, noise: 0 }));
		await expect(page.getByTestId('fit-sweep').innerText()).resolves.toMatch(/n = 64, width 32, up to 40 epochs/);
		const sweep = page.getByTestId('fit-sweep');
		await sweep.getByRole('button', { name: 'Sweep ρ' }).click();
		await page.waitForFunction(() => (window as SweepWindow).__vlabTraining?.phase === 'finished', null, { timeout: 280_000, polling: 500 });
		const runs = await page.evaluate(() => (window as SweepWindow).__vlabTraining!.runs);
		expect(runs.map((r) => r.id)).toEqual(['rho0', 'rho0.2', 'rho0.4', 'rho0.6', 'rho0.8', 'rho1']);
		for (const r of runs) {
			expect(r.status, r.message ?? '').toBe('done');
			// A run that fitted stopped there; one that did not ran every epoch.
			if (r.fit === null) expect(r.epoch).toBe(40);
			else expect(r.epoch).toBe(r.fit);
		}
		// At these settings every ρ fits within 40 epochs, random labels later (in Node: epoch 12 at ρ = 0, 25 at ρ = 1).
		expect(runs[0].fit).not.toBeNull();
		expect(runs[5].fit).toBeGreaterThan(runs[0].fit!);
		await expect(sweep.getByRole('status').innerText()).resolves.toMatch(/Epochs to 100% training accuracy: ρ = 0: epoch \d+/);
	});
});
