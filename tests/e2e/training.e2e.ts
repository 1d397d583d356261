/**
 * The "train it yourself" figures train live in the page: on WASM (in the training worker) and
 * on WebGPU (Chromium's SwiftShader adapter, outputs kept in GPU buffers), and nothing is logged
 * as an error.
 * - vanishing gradients, figure 5: in the worker, the two ReLU networks' losses end well below
 *   where they started, and each network's decision boundary is drawn from its final weights,
 *   with the training accuracy it reports; on WebGPU the first steps give the worker's losses.
 *   Small sizes (depth 3, width 32) keep the SwiftShader run short.
 * - double descent, figure 5: gradient descent from zero ends next to Φ⁺y, and from a random w₀
 *   next to Φ⁺y plus w₀'s null-space part. n = 10 (p = 100) keeps it to a few hundred steps.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

/** One Chromium of each kind for the file (a launch costs about two seconds of CPU). */
const browsers = { wasm: useBrowser('wasm'), webgpu: useBrowser('webgpu') };

interface RunSummary {
	id: string;
	status: string;
	thread: string | null;
	steps: number;
	firstLoss: number | null;
	lastLoss: number | null;
	boundaryStep: number | null;
	accuracy: number | null;
	losses: { step: number; loss: number }[];
	message: string | null;
}

/** Steps of the WebGPU run compared with the worker's (two boundary probes: every 25 steps). */
const COMPARED_STEPS = 50;
/** Largest relative difference between a WebGPU loss and the worker's at the same step. */
const LOSS_TOL = 1e-4;

type TrainingWindow = Window & { __vlabTraining?: { phase: string; runs: RunSummary[]; settings: { backend: string } | null } };

describe('figure 5, "Does it train?", trains in the browser', () => {
	const path = (backend: string) => withQuery('/labs/vanishing-gradients', { backend, depth: 3, width: 32 });
	/** The worker's runs: the WebGPU runs' first steps must repeat them. */
	let reference: RunSummary[] | null = null;

	async function start(page: Page): Promise<void> {
		await waitForLabReady(page);
		// Not the default settings: the build-time recording is not shown as this run's.
		await expect(page.locator('[data-figure="training"] [data-testid="recorded-note"]').count()).resolves.toBe(0);
		await page.getByRole('button', { name: 'Start training' }).click();
	}

	const readHook = (page: Page) =>
		page.evaluate(() => {
			const t = (window as TrainingWindow).__vlabTraining!;
			return { runs: t.runs, backend: t.settings?.backend };
		});

	async function boundariesPainted(page: Page): Promise<number> {
		return page.locator('[data-figure="training"] g.tints').evaluateAll((groups) => groups.filter((g) => g.querySelector('path[d^="M"]')).length);
	}

	test('on WASM, in a worker: the ReLU networks learn, and every boundary is drawn', { timeout: 300_000 }, async () => {
		const { page } = await browsers.wasm.open(path('wasm'));
		await start(page);
		await page.waitForFunction(() => (window as TrainingWindow).__vlabTraining?.phase === 'finished', null, { timeout: 280_000, polling: 500 });
		const hook = await readHook(page);
		expect(hook.backend).toBe('wasm');
		for (const run of hook.runs) {
			expect(run.thread, `${run.id} ran in the worker`).toBe('worker');
			expect(run.status, `${run.id}: ${run.message}`).toMatch(/done|diverged/);
		}
		for (const id of ['relu-he', 'relu-he-residual']) {
			const run = hook.runs.find((r) => r.id === id)!;
			expect(run.status, `${id}: ${run.message}`).toBe('done');
			expect(run.steps).toBe(300);
			expect(run.firstLoss, `${id} first loss`).toBeGreaterThan(0.3);
			expect(run.lastLoss!, `${id}: ${run.firstLoss} → ${run.lastLoss}`).toBeLessThan(0.5 * run.firstLoss!);
			// The boundary of the trained weights: better than chance on the training points.
			expect(run.boundaryStep).toBe(300);
			expect(run.accuracy!, `${id} accuracy`).toBeGreaterThan(0.55);
			expect(run.accuracy!).toBeLessThanOrEqual(1);
		}
		await expect(page.locator('[data-figure="training"] [data-status="done"]').count()).resolves.toBeGreaterThanOrEqual(2);
		expect(await boundariesPainted(page), 'three boundary pictures').toBe(3);
		reference = hook.runs;
	});

	/**
	 * SwiftShader runs a training step some twenty times slower than the worker, so the WebGPU
	 * run is compared step by step over its first COMPARED_STEPS steps rather than trained to the
	 * end: the same weights, batches and updates give the same losses, to float error.
	 */
	test('on WebGPU, on the page: the first steps repeat the worker’s losses', { timeout: 300_000 }, async () => {
		expect(reference, 'the WASM run above is the reference').not.toBeNull();
		const { page } = await browsers.webgpu.open(path('webgpu'));
		await start(page);
		await page.waitForFunction(
			(compared) => {
				const t = (window as TrainingWindow).__vlabTraining;
				if (!t || t.phase === 'finished') return true;
				return t.runs.length > 0 && t.runs.every((r) => r.steps >= compared && (r.boundaryStep ?? -1) >= compared);
			},
			COMPARED_STEPS,
			{ timeout: 280_000, polling: 250 }
		);
		// A run that ended early (an error) has no Pause: its status says why, below.
		if ((await page.evaluate(() => (window as TrainingWindow).__vlabTraining?.phase)) !== 'finished') {
			await page.getByRole('button', { name: 'Pause' }).click();
		}
		const hook = await readHook(page);
		expect(hook.backend).toBe('webgpu');
		let compared = 0;
		for (const run of hook.runs) {
			expect(run.thread, `${run.id} ran on the page`).toBe('page');
			expect(run.status, `${run.id}: ${run.message}`).not.toMatch(/error|diverged/);
			const worker = new Map(reference!.find((r) => r.id === run.id)!.losses.map((p) => [p.step, p.loss]));
			for (const { step, loss } of run.losses.filter((p) => p.step <= COMPARED_STEPS)) {
				const expected = worker.get(step);
				expect(expected, `${run.id}: the worker logged step ${step}`).toBeDefined();
				expect(Math.abs(loss - expected!), `${run.id}, step ${step}: WebGPU ${loss}, worker ${expected}`).toBeLessThanOrEqual(LOSS_TOL * expected!);
				compared++;
			}
			expect(run.accuracy!, `${run.id} accuracy`).toBeGreaterThan(0);
		}
		expect(compared, 'losses compared').toBeGreaterThanOrEqual(3 * (COMPARED_STEPS / 5));
		expect(await boundariesPainted(page), 'three boundary pictures').toBe(3);
	});
});

type SweepWindow = Window & {
	__vlabTraining?: { phase: string; runs: { id: string; rate: number; status: string; thread: string | null; steps: number; firstLoss: number | null; lastLoss: number | null; message: string | null }[] };
};

describe('optimizers, figure 3: the six-rate sweep trains in the browser', () => {
	const browser = browsers.wasm;

	test('on WASM, in a worker: every run ends, the lowest rate falls, the highest ends above its start', { timeout: 300_000 }, async () => {
		const { page } = await browser.open(withQuery('/labs/optimizers', { backend: 'wasm' }));
		await waitForLabReady(page);
		await page.getByRole('button', { name: 'Start the sweep' }).click();
		await page.waitForFunction(() => (window as SweepWindow).__vlabTraining?.phase === 'finished', null, { timeout: 280_000, polling: 500 });
		const runs = await page.evaluate(() => (window as SweepWindow).__vlabTraining!.runs);
		expect(runs).toHaveLength(6);
		for (const run of runs) {
			expect(run.thread, run.id).toBe('worker');
			expect(run.status, `${run.id}: ${run.message}`).toMatch(/done|diverged/);
		}
		expect(runs[0].lastLoss!).toBeLessThan(runs[0].firstLoss!);
		expect(runs[5].lastLoss!).toBeGreaterThan(runs[5].firstLoss!);
		await expect(page.locator('[data-figure="sweep"] .readout').innerText()).resolves.toMatch(/Ended lowest: η = .+; smallest rate that diverged: η = /);
	});
});

describe('optimizers, figure 6: Adam + L2 and AdamW train in the browser', () => {
	const browser = browsers.wasm;

	test('both runs end at the reader’s λ, each with its measured decay', { timeout: 300_000 }, async () => {
		const { page } = await browser.open(withQuery('/labs/optimizers', { backend: 'wasm', wd: 0.05 }));
		await waitForLabReady(page);
		const frame = page.locator('[data-figure="decay"]');
		await frame.getByRole('button', { name: 'Train both' }).click();
		// Done: AdamW's measured decay is in the live readout (it comes with the run's end; a failure
		// shows the figure's fault instead). The build's recording, drawn until the run starts, has a
		// readout of the same form, under its "Recorded at build time" note: a busy machine once let
		// this wait see it before the click had started the run.
		await page.waitForFunction(
			() => {
				const figure = document.querySelector('[data-figure="decay"]');
				const live = !figure?.querySelector('[data-testid="recorded-note"]') && /AdamW: .*median decay/.test(figure?.querySelector('.readout')?.textContent ?? '');
				return live || !!figure?.querySelector('[data-testid="figure-fault"]');
			},
			null,
			{ timeout: 280_000, polling: 500 }
		);
		await expect(frame.getByTestId('figure-fault').count()).resolves.toBe(0);
		const readout = await frame.locator('.readout').innerText();
		expect(readout).toMatch(/Adam \+ L2: validation loss \S+, ‖W‖ \S+ → \S+, median decay \S+ × ηλθ/);
		expect(readout).toMatch(/AdamW: validation loss \S+, ‖W‖ \S+ → \S+, median decay 1 × ηλθ/);
		await expect(frame.getByTestId('recorded-note').count()).resolves.toBe(0);
	});
});

interface IterateSummary {
	step: number;
	distance: number;
	norm: number;
	trainError: number;
	testError: number;
}

interface GdRunSummary {
	id: string;
	status: string;
	thread: string | null;
	steps: number;
	maxSteps: number;
	readings: number;
	first: IterateSummary | null;
	last: IterateSummary | null;
	message: string | null;
}

interface GdProblemSummary {
	steps: number;
	stepsNeeded: number;
	targetDistance: number;
	minNorm: { norm: number; testError: number };
	randomLimit: { norm: number; testError: number; distance: number };
}

type GdWindow = Window & {
	__vlabTraining?: { phase: string; runs: GdRunSummary[]; problem: GdProblemSummary | null; settings: { backend: string } | null };
};

describe('double descent, figure 5: gradient descent finds Φ⁺y in the browser', () => {
	for (const kind of ['wasm', 'webgpu'] as const) {
		test(`on ${kind === 'wasm' ? 'WASM, in a worker' : 'WebGPU, on the page'}`, { timeout: 300_000 }, async () => {
			const { page } = await browsers[kind].open(withQuery('/labs/double-descent', { backend: kind, n: 10 }));
			await waitForLabReady(page);
			await page.getByRole('button', { name: 'Start gradient descent' }).click();
			await page.waitForFunction(() => (window as GdWindow).__vlabTraining?.phase === 'finished', null, { timeout: 280_000, polling: 500 });
			const hook = await page.evaluate(() => {
				const t = (window as GdWindow).__vlabTraining!;
				return { runs: t.runs, problem: t.problem, backend: t.settings?.backend };
			});
			expect(hook.backend).toBe(kind);
			const problem = hook.problem!;
			// n = 10 is small enough that the step budget covers what exact arithmetic needs.
			expect(problem.steps).toBeGreaterThanOrEqual(problem.stepsNeeded);
			for (const run of hook.runs) {
				expect(run.thread, `${run.id} ran where expected`).toBe(kind === 'wasm' ? 'worker' : 'page');
				expect(run.status, `${run.id}: ${run.message}`).toBe('done');
				expect(run.steps).toBe(problem.steps);
				expect(run.readings, `${run.id}: iterates read back along the way`).toBeGreaterThan(10);
				// The loss falls: the last iterate interpolates (float32 on either backend).
				expect(run.last!.trainError, `${run.id} train error`).toBeLessThan(1e-4 * run.first!.trainError);
			}
			const zero = hook.runs.find((r) => r.id === 'zero')!;
			const random = hook.runs.find((r) => r.id === 'random')!;
			// Exact arithmetic ends within targetDistance (1e-3) of Φ⁺y; float32 adds ≲ 1e-4 here
			// (see tests/models/double-descent-gd.test.ts), and a GPU's sums may round differently: 1e-2.
			expect(zero.first!.distance).toBe(1);
			expect(zero.last!.distance).toBeLessThan(10 * problem.targetDistance);
			expect(zero.last!.norm).toBeLessThanOrEqual(problem.minNorm.norm * (1 + 1e-3));
			// From w₀: the distance to Φ⁺y settles at the null-space part of w₀, not at 0.
			expect(Math.abs(random.last!.distance - problem.randomLimit.distance)).toBeLessThan(1e-2 * problem.randomLimit.distance);
			expect(random.last!.norm).toBeGreaterThan(zero.last!.norm);
			await expect(page.locator('[data-figure="implicit"] [data-status="done"]').count()).resolves.toBe(2);
		});
	}
});

type StepWindow = Window & { __vlabTraining?: { phase: string; runs: { status: string; thread: string | null; steps: number; losses: number[]; message: string | null }[] } };

describe('memory and parallelism, figure 6: one real step of the graph it reads', () => {
	const browser = browsers.wasm;

	test('no runtime until Run; then ONNX Runtime runs the step in the worker and the loss falls after the update', { timeout: 120_000 }, async () => {
		const { page } = await browser.open('/labs/memory-and-parallelism');
		const wasm: string[] = [];
		page.on('request', (r) => void (new URL(r.url()).pathname.endsWith('.wasm') && wasm.push(r.url())));
		await waitForLabReady(page);
		// The figure is veiled until its checkpoint is answered.
		const card = page.locator('[data-checkpoint-id="square-tensors"]');
		await card.getByRole('textbox', { name: /Your answer/ }).fill('1');
		await card.getByTestId('checkpoint-commit').click();
		expect(wasm, 'a lab of formulas fetches no runtime before Run').toEqual([]);
		const frame = page.locator('[data-figure="graph"]');
		await frame.getByRole('button', { name: 'Run one training step' }).click();
		await page.waitForFunction(() => (window as StepWindow).__vlabTraining?.phase === 'finished', null, { timeout: 100_000, polling: 250 });
		const [run] = await page.evaluate(() => (window as StepWindow).__vlabTraining!.runs);
		expect(run.status, run.message ?? '').toBe('done');
		expect(run.thread).toBe('worker');
		expect(run.steps).toBe(2);
		expect(run.losses).toHaveLength(2);
		expect(run.losses[1]).toBeLessThan(run.losses[0]);
		expect(wasm.length, 'the runtime came with the press').toBeGreaterThan(0);
		await expect(frame.getByTestId('graph-step').innerText()).resolves.toMatch(/before the update, \d\.\d{3} after one step/);
	});
});
