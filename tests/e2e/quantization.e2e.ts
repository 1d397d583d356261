/**
 * The quantization lab's own interactions. The pruning figure times one layer in the browser on
 * the reader's press: dense, with 90% of its weights zero, and with half its columns removed.
 * Only that the three times arrive, finite, is tested here; their ratios are a benchmark
 * (`npm run bench:pruning`). The PTQ-vs-QAT and distillation figures train two runs each on the
 * reader's Start, on WebAssembly in a worker and on WebGPU on the page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

/** One Chromium of each kind for the file (a launch costs about two seconds of CPU). */
const browsers = { wasm: useBrowser('wasm'), webgpu: useBrowser('webgpu') };

describe('quantization, the pruning figure: a layer timed in the browser', () => {
	const browser = browsers.wasm;

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

interface DistillWindow {
	__vlabTraining?: {
		phase: string;
		settings: { backend: string } | null;
		runs: { id: string; status: string; thread: string | null; steps: number; losses: { step: number; loss: number }[]; accuracy: number | null; message: string | null }[];
	};
}

/** The recording the page shows at first paint (the build's run of the default settings). */
const recorded = JSON.parse(readFileSync(new URL('../../labs/quantization/recorded/distill.json', import.meta.url), 'utf8')) as {
	tracks: { id: string; losses: [number, number][]; regions: { accuracy: number } }[];
};

const COMPARED_STEPS = 50;

describe('quantization, the distillation figure: two students trained here', () => {
	test('on WebAssembly the live run repeats the build’s recording, and the teacher’s softmax shows under the pointer', { timeout: 180_000 }, async () => {
		const { page } = await browsers.wasm.open(withQuery('/labs/quantization', { backend: 'wasm' }));
		await waitForLabReady(page);
		const frame = page.locator('[data-figure="distill"]');
		await expect(frame.getByTestId('recorded-note').count()).resolves.toBe(1);
		await frame.scrollIntoViewIfNeeded();
		// The teacher runs once the runtime is up; then pointing at its picture reads its softmax.
		const readout = frame.getByTestId('teacher-softmax');
		await readout.getByText(/Point at the teacher/).waitFor({ timeout: 30_000 });
		const box = (await frame.locator('.pointer').boundingBox())!;
		await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
		const text = await readout.innerText();
		const percents = [...text.matchAll(/([\d.]+)%/g)].map((m) => Number(m[1]));
		expect(percents, text).toHaveLength(6);
		expect(percents.slice(0, 3).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
		// Softening at T = 4 moves the largest probability towards a third.
		expect(Math.max(...percents.slice(3))).toBeLessThanOrEqual(Math.max(...percents.slice(0, 3)));

		await frame.getByRole('button', { name: 'Train the students' }).click();
		await page.waitForFunction(() => (window as DistillWindow).__vlabTraining?.phase === 'finished', null, { timeout: 150_000, polling: 250 });
		const runs = await page.evaluate(() => (window as DistillWindow).__vlabTraining!.runs);
		await expect(frame.getByTestId('recorded-note').count()).resolves.toBe(0);
		for (const run of runs) {
			expect(run.status, `${run.id}: ${run.message}`).toBe('done');
			expect(run.thread).toBe('worker');
			const build = recorded.tracks.find((t) => t.id === run.id)!;
			// The same job on the same backend: the recording's accuracy (4 significant digits).
			expect(run.accuracy!).toBeCloseTo(build.regions.accuracy, 3);
		}
		const [hard, soft] = ['hard', 'soft'].map((id) => runs.find((r) => r.id === id)!.accuracy!);
		expect(soft - hard).toBeGreaterThan(0.05);
		await expect(frame.getByTestId('distill-stats').innerText()).resolves.toMatch(/soft − hard/);
	});

	/** SwiftShader trains far slower than the worker: the first steps are compared with the recording's. */
	test('on WebGPU, on the page: the first steps repeat the recorded losses', { timeout: 300_000 }, async () => {
		const { page } = await browsers.webgpu.open(withQuery('/labs/quantization', { backend: 'webgpu' }));
		await waitForLabReady(page);
		const frame = page.locator('[data-figure="distill"]');
		await frame.getByRole('button', { name: 'Train the students' }).click();
		await page.waitForFunction(
			(compared) => {
				const t = (window as DistillWindow).__vlabTraining;
				return !t || t.phase === 'finished' || (t.runs.length > 0 && t.runs.every((r) => r.steps >= compared));
			},
			COMPARED_STEPS,
			{ timeout: 280_000, polling: 250 }
		);
		if ((await page.evaluate(() => (window as DistillWindow).__vlabTraining?.phase)) !== 'finished') await frame.getByRole('button', { name: 'Pause' }).click();
		const hook = await page.evaluate(() => (window as DistillWindow).__vlabTraining!);
		expect(hook.settings?.backend).toBe('webgpu');
		let compared = 0;
		for (const run of hook.runs) {
			expect(run.thread, `${run.id} ran on the page`).toBe('page');
			expect(run.status, `${run.id}: ${run.message}`).not.toMatch(/error|diverged/);
			const build = new Map(recorded.tracks.find((t) => t.id === run.id)!.losses);
			for (const { step, loss } of run.losses.filter((p) => p.step <= COMPARED_STEPS)) {
				// The recording keeps 4 significant digits.
				expect(Math.abs(loss - build.get(step)!), `${run.id}, step ${step}: WebGPU ${loss}, recorded ${build.get(step)}`).toBeLessThanOrEqual(1e-3 * build.get(step)!);
				compared++;
			}
		}
		expect(compared, 'losses compared').toBeGreaterThanOrEqual(2 * (COMPARED_STEPS / 10));
	});
});

interface QatWindow {
	__vlabQat?: {
		start(): void;
		phase: string;
		settings: { backend: string; steps: number } | null;
		runs: { id: string; status: string; thread: string | null; steps: number; losses: { step: number; loss: number }[]; accuracy: number | null; message: string | null }[];
	};
}

const recordedQat = JSON.parse(readFileSync(new URL('../../labs/quantization/recorded/qat.json', import.meta.url), 'utf8')) as {
	runs: { settings: { abits: string }; tracks: { id: string; losses: [number, number][]; accuracy: [number, number][] }[] }[];
};

/**
 * SwiftShader compiles and runs the transformer's training step slowly (its first step takes
 * ~20 s here, later ones seconds): step 0 is compared, its loss (the forward pass through the
 * quantizer) and its score (PTQ on the GPU). The update's operators are compared on WebGPU by
 * the other training figures' tests.
 */
const QAT_COMPARED_STEPS = 1;

describe('quantization, PTQ vs QAT: two fine-tuning runs trained here', () => {
	test('on WebAssembly, 50 steps: training through the quantizer beats training in float, both scored quantized', { timeout: 180_000 }, async () => {
		const { page } = await browsers.wasm.open(withQuery('/labs/quantization', { backend: 'wasm', qsteps: '50' }));
		await waitForLabReady(page);
		// The figure is veiled until its checkpoint is answered. The answer moves the page to the
		// asked settings and its reveal trains 300 QAT steps here; then the page opens again on 50.
		const card = page.locator('[data-checkpoint-id="qat-w4a4"]');
		await card.getByRole('textbox', { name: /Your answer/ }).fill('95');
		await card.getByTestId('checkpoint-commit').click();
		await card.getByTestId('checkpoint-reveal').waitFor({ timeout: 120_000 });
		await expect(card.getByTestId('checkpoint-reveal').innerText()).resolves.toMatch(/after 300 steps trained through the rounding/);
		await page.goto(browsers.wasm.baseURL + withQuery('/labs/quantization', { backend: 'wasm', qsteps: '50' }));
		await waitForLabReady(page);
		const frame = page.locator('[data-figure="qat"]');
		await frame.getByRole('button', { name: 'Train through the quantizer' }).click();
		await page.waitForFunction(() => (window as QatWindow).__vlabQat?.phase === 'finished', null, { timeout: 150_000, polling: 250 });
		const runs = await page.evaluate(() => (window as QatWindow).__vlabQat!.runs);
		for (const run of runs) {
			expect(run.status, `${run.id}: ${run.message}`).toBe('done');
			expect(run.steps).toBe(50);
		}
		const [qat, float] = ['qat', 'float'].map((id) => runs.find((r) => r.id === id)!.accuracy!);
		// PTQ of the shipped weights (W4, weights only) is the recording's step 0, for any number of steps.
		const ptq = recordedQat.runs.find((r) => r.settings.abits === 'off')!.tracks[0].accuracy[0][1];
		expect(qat).toBeGreaterThan(ptq + 0.03);
		expect(qat).toBeGreaterThan(float);
		await expect(frame.getByTestId('qat-stats').innerText()).resolves.toMatch(/QAT, 50 steps/);
	});

	test('on WebGPU, on the page: step 0 (loss through the quantizer, PTQ score) repeats the recording', { timeout: 300_000 }, async () => {
		const { page } = await browsers.webgpu.open(withQuery('/labs/quantization', { backend: 'webgpu' }));
		await waitForLabReady(page);
		await page.evaluate(() => (window as QatWindow).__vlabQat!.start());
		await page.waitForFunction(
			(compared) => {
				const t = (window as QatWindow).__vlabQat;
				return !t || t.phase === 'finished' || (t.runs.length > 0 && t.runs.every((r) => r.steps >= compared));
			},
			QAT_COMPARED_STEPS,
			{ timeout: 280_000, polling: 250 }
		);
		const hook = await page.evaluate(() => {
			const t = (window as QatWindow).__vlabQat!;
			return { settings: t.settings, runs: t.runs };
		});
		expect(hook.settings?.backend).toBe('webgpu');
		const build = recordedQat.runs.find((r) => r.settings.abits === 'off')!;
		let compared = 0;
		for (const run of hook.runs) {
			expect(run.thread, `${run.id} ran on the page`).toBe('page');
			expect(run.status, `${run.id}: ${run.message}`).not.toMatch(/error|diverged/);
			const losses = new Map(build.tracks.find((t) => t.id === run.id)!.losses);
			for (const { step, loss } of run.losses.filter((p) => p.step <= QAT_COMPARED_STEPS)) {
				expect(Math.abs(loss - losses.get(step)!), `${run.id}, step ${step}: WebGPU ${loss}, recorded ${losses.get(step)}`).toBeLessThanOrEqual(2e-3 * losses.get(step)!);
				compared++;
			}
			// Step 0's score is PTQ through the quantized forward pass on the GPU: the recording's, to a token or so.
			const ptq = build.tracks.find((t) => t.id === run.id)!.accuracy[0][1];
			expect(Math.abs(run.accuracy! - ptq), `${run.id} step-0 accuracy`).toBeLessThan(0.002);
		}
		expect(compared, 'losses compared').toBe(2);
	});
});

describe('quantization, a float weight format', () => {
	const browser = browsers.wasm;

	test('bf16 from the control: no grid and 8 significant bits, the float formats’ accuracy, and no QAT to train', { timeout: 120_000 }, async () => {
		const { page } = await browser.open(withQuery('/labs/quantization', { backend: 'wasm' }));
		await waitForLabReady(page);
		await page.locator('#control-wbits').selectOption({ label: 'bf16 (bfloat16)' });
		await page.waitForURL(/wbits=bf16/);
		const readout = (figure: string, testid: string, label: string) =>
			page.locator(`[data-figure="${figure}"]`).getByTestId(testid).locator('div', { has: page.locator('dt', { hasText: label }) }).locator('dd').textContent();
		await expect.poll(() => readout('grid', 'grid-stats', 'significant bits p'), { timeout: 30_000 }).toBe('8');
		// 6.02·(8 − 1) + 13.46 = 55.6 dB predicted; each weight tensor measures within 1 dB of it (unit tests).
		const sqnr = Number((await readout('grid', 'grid-stats', 'SQNR'))!.replace(' dB', ''));
		expect(sqnr).toBeGreaterThan(54.6);
		expect(sqnr).toBeLessThan(56.6);
		await expect(page.locator('[data-figure="grid"] .levels line').count()).resolves.toBe(0);
		// The build's sweep scores fp16 and bf16 too: every held-out token right, as in float.
		await expect(readout('accuracy', 'accuracy-stats', 'weights in bf16')).resolves.toBe('100%');
		const qat = page.locator('[data-figure="qat"]');
		await expect(qat.getByTestId('qat-float').textContent()).resolves.toMatch(/integer grid: with bf16 weights there is none/);
		await expect(qat.getByRole('button', { name: 'Train through the quantizer' }).isDisabled()).resolves.toBe(true);
	});
});

type LogitsOptions = { gran?: 'tensor' | 'channel'; abits?: number };
type LogitsWindow = Window & { __vlabQuantLogits?: (bits: number, options?: LogitsOptions) => Promise<number[]> };

/** The graphs compared: int4 and int8 codes per tensor, int8 per output channel, and W8A8 (the activation graph, min-max calibration). */
const SETTINGS: { name: string; bits: number; options: LogitsOptions }[] = [
	{ name: 'W4', bits: 4, options: {} },
	{ name: 'W8', bits: 8, options: {} },
	{ name: 'W8 per channel', bits: 8, options: { gran: 'channel' } },
	{ name: 'W8A8', bits: 8, options: { abits: 8 } }
];

describe('quantization, integer codes on both backends', () => {
	const logits: Partial<Record<'wasm' | 'webgpu', Record<string, number[]>>> = {};

	for (const kind of ['wasm', 'webgpu'] as const) {
		test(`on ${kind}: the held-out logits through DequantizeLinear at W4 (int4 codes), W8 (int8) per tensor and per channel, and W8A8`, { timeout: 180_000 }, async () => {
			const { page } = await browsers[kind].open(withQuery('/labs/quantization', { backend: kind }));
			const snap = await waitForLabReady(page);
			expect(snap.backend).toBe(kind);
			const errors: string[] = [];
			page.on('pageerror', (e) => errors.push(e.message));
			// All at once, as figures 2 and 3 run side by side: on WebGPU the runs must take turns
			// (two at once in ORT's WebGPU runtime once broke its memory: "memory access out of bounds").
			const runs = await page.evaluate((settings) => Promise.all(settings.map((s) => (window as LogitsWindow).__vlabQuantLogits!(s.bits, s.options))), SETTINGS);
			const got = Object.fromEntries(SETTINGS.map((s, i) => [s.name, runs[i]]));
			expect(errors).toEqual([]);
			await expect(page.evaluate(() => (window as unknown as { __vlab: { backend: string } }).__vlab.backend)).resolves.toBe(kind);
			for (const values of Object.values(got)) {
				expect(values.length).toBeGreaterThan(1000);
				expect(values.every(Number.isFinite)).toBe(true);
			}
			logits[kind] = got;
		});
	}

	test('WASM and WebGPU logits agree within 1e-4 (int4 and int8 codes, per tensor and per channel, with and without quantized activations)', () => {
		const { wasm, webgpu } = logits;
		if (!wasm || !webgpu) throw new Error('needs both backend runs above to have passed');
		for (const { name } of SETTINGS) {
			expect(webgpu[name].length).toBe(wasm[name].length);
			let worst = 0;
			for (let i = 0; i < wasm[name].length; i++) worst = Math.max(worst, Math.abs(wasm[name][i] - webgpu[name][i]));
			console.log(`${name}: largest |WASM − WebGPU| logit difference ${worst.toExponential(2)} over ${wasm[name].length} logits`);
			expect(worst, name).toBeLessThan(1e-4);
		}
		// The settings give different models: no comparison is of one run twice.
		for (const [a, b] of [['W4', 'W8'], ['W8', 'W8 per channel'], ['W8', 'W8A8']])
			expect(wasm[a].some((v, i) => Math.abs(v - wasm[b][i]) > 1e-4), `${a} vs ${b}`).toBe(true);
	});
});
