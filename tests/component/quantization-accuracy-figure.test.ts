/**
 * The quantization lab's figure 2 (AccuracyFigure), mounted on a controller seeded with a sweep
 * as the build records it (no model, no runtime): the readout, summary, curves and top axis say
 * the token accuracies and model sizes the sweep holds, for the reader's bits and scales and for
 * a float format; a sweep of another setting is labelled as such; the Run button asks the
 * controller for a sweep; and a sweep in progress or failed says so.
 */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { quantization } from '$labs/quantization/lab';
import { QuantizationController } from '$labs/quantization/controller.svelte';
import type { QuantizationState } from '$labs/quantization/lab';
import type { AccuracySweep } from '$labs/quantization/accuracy';
import type { GridResults } from '$labs/quantization/summary';
import AccuracyFigure from '$labs/quantization/AccuracyFigure.svelte';

const BITS = [2, 3, 4, 5, 6, 7, 8];
const TOKENS = 800;
const KIB = 1024;
/** Tokens right out of 800 (a percent is count / 8). */
const SWEEP: AccuracySweep = {
	float: 760,
	half: { fp16: 759, bf16: 744 },
	tensor: [80, 240, 520, 680, 736, 752, 756],
	channel: [160, 400, 640, 720, 744, 756, 760],
	wa: null,
	sequences: 50,
	tokens: TOKENS,
	bytes: {
		float: 400 * KIB,
		tensor: [50, 75, 100, 125, 150, 175, 200].map((k) => k * KIB),
		channel: [51, 76, 101, 126, 151, 176, 201].map((k) => k * KIB),
		half: 200 * KIB
	}
};
const pct = (count: number) => (100 * count) / TOKENS;

/** Figure 1's part of the results is not drawn here: an empty stand-in. */
const GRID = { tensor: 'l0.mlp1.w', format: '4', rows: 1, cols: 1, domain: [0, 1], bins: [], binWidth: 1, tensorLevels: [], channels: [], tensorScale: 1, tensorZero: 0, channelScales: [1, 1], mse: 0, sqnr: 0, bitsPerWeight: 4, byGranularity: { tensor: { mse: 0, sqnr: 0 }, channel: { mse: 0, sqnr: 0 } }, mseByBits: [] } satisfies GridResults;

function mount(sweep: AccuracySweep | null, state: Partial<QuantizationState> = {}) {
	const controller = new QuantizationController();
	controller.set(state);
	if (sweep) controller.seed({ state: controller.current(), results: { ...GRID, accuracy: sweep }, omitted: [] });
	const view = render(Harness, { controller, figures: quantization.figures, figure: AccuracyFigure });
	return { controller, ...view };
}

const stats = () =>
	Object.fromEntries([...screen.getByTestId('accuracy-stats').querySelectorAll('div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
const summary = () => document.getElementById('accuracy-summary')!.textContent;
const chart = (container: HTMLElement) => container.querySelector<SVGSVGElement>('svg.chart-svg')!;

/**
 * Expects positions to be one affine function of the values (a linear axis), to within the
 * hundredth of a pixel the marks are written to (scales.ts `pixel`).
 */
function expectAffine(values: number[], positions: number[]) {
	const k = (positions.at(-1)! - positions[0]) / (values.at(-1)! - values[0]);
	values.forEach((v, i) => expect(Math.abs(positions[i] - (positions[0] + k * (v - values[0])))).toBeLessThanOrEqual(0.02));
}

describe('AccuracyFigure (figure 2) on the recorded sweep', () => {
	it('reads out the accuracy at the chosen bits, fp16 and bf16, and how much smaller the model is', () => {
		mount(SWEEP);
		// 4 bits per tensor: 520 of 800 = 65%; fp16 759 = 94.875% → 94.9; bf16 744 = 93%; 400 KiB / 100 KiB = 4×.
		expect(stats()).toEqual({
			'at 4 bits, per tensor': '65%',
			'fp16 / bf16 weights': '94.9% / 93%',
			'model size': '100 KiB (float32 400 KiB, 4× smaller)'
		});
		expect(summary()).toBe(
			'Recorded at build time: copy task, symmetric grids, embeddings rounded, float activations: float 95%, with fp16 weights 94.9% and bf16 93%; at 4 bits 65% per tensor and 80% per channel, over 800 held-out tokens. The model takes 100 KiB against 400 KiB in float32.'
		);
		expect(screen.getByTestId('recorded-note')).toHaveTextContent('Recorded at build time: the sweep of the default settings, on WebAssembly.');
		expect(screen.queryByTestId('accuracy-other')).toBeNull();
		expect(screen.getByRole('figure')).toHaveAttribute('aria-busy', 'false');
	});

	it('draws both curves through the sweep’s points, the float rule, and the model size on the top axis', () => {
		const { container } = mount(SWEEP);
		const svg = chart(container);
		const circles = [...svg.querySelectorAll('g.points circle')];
		// Per tensor, then per channel: seven points each, no W+A curve with float activations.
		expect(circles).toHaveLength(2 * BITS.length);
		const x = circles.map((c) => Number(c.getAttribute('cx')));
		const y = circles.map((c) => Number(c.getAttribute('cy')));
		expectAffine(BITS, x.slice(0, 7));
		expect(x.slice(7)).toEqual(x.slice(0, 7));
		// y follows the accuracy in percent on one scale for both curves (pointing down).
		const percents = [...SWEEP.tensor, ...SWEEP.channel].map(pct);
		expectAffine(percents, y);
		expect(y[0]).toBeGreaterThan(y[6]);
		expect([...svg.querySelectorAll('path.line title')].map((t) => t.textContent)).toEqual(['per tensor', 'per channel']);
		// Rules: the float model at 95% (horizontal) and the chosen bits, 4 (vertical).
		const rules = [...svg.querySelectorAll('g.ruler line')];
		expect(rules).toHaveLength(2);
		const floatY = Number(rules[0].getAttribute('y1'));
		// The points are written to a hundredth of a pixel, the rules are not.
		expect(Math.abs(floatY - (y[0] + ((pct(SWEEP.float) - percents[0]) * (y[6] - y[0])) / (percents[6] - percents[0])))).toBeLessThanOrEqual(0.02);
		expect(Math.abs(Number(rules[1].getAttribute('x1')) - x[2])).toBeLessThanOrEqual(0.005);
		// The top axis: the model's KiB at each b, per tensor.
		const top = svg.querySelector('.axis-top')!;
		expect(top.querySelector('.axis-label')).toHaveTextContent('model size, KiB (weights per tensor)');
		const kib = [...top.querySelectorAll('.tick text')].map((t) => t.textContent).filter(Boolean);
		expect(kib.length).toBeGreaterThan(1);
		for (const label of kib) expect(['50', '75', '100', '125', '150', '175', '200']).toContain(label);
		expect(container.querySelector('.legend')).toHaveTextContent('float 95%');
	});

	it('follows the reader’s bits, scales and float formats without a new sweep (they do not change it)', () => {
		const { controller } = mount(SWEEP);
		controller.set({ wbits: '6' });
		flushSync();
		// 736 of 800 = 92%; 400 / 150 = 2.67×.
		expect(stats()).toMatchObject({ 'at 6 bits, per tensor': '92%', 'model size': '150 KiB (float32 400 KiB, 2.67× smaller)' });
		controller.set({ wbits: '4', gran: 'channel' });
		flushSync();
		// 640 of 800 = 80%; 400 / 101 = 3.96×.
		expect(stats()).toMatchObject({ 'at 4 bits, per channel': '80%', 'model size': '101 KiB (float32 400 KiB, 3.96× smaller)' });
		expect(chart(document.body).querySelector('.axis-top .axis-label')).toHaveTextContent('model size, KiB (weights per channel)');
		controller.set({ wbits: 'fp16' });
		flushSync();
		expect(stats()).toEqual({ 'weights in fp16': '94.9%', 'model size': '200 KiB (float32 400 KiB, 2× smaller)' });
		expect(summary()).toContain('; in fp16 94.9%, over 800 held-out tokens. The model takes 200 KiB against 400 KiB in float32.');
		controller.set({ wbits: 'fp32' });
		flushSync();
		expect(stats()).toEqual({ 'weights in fp32': '95%', 'model size': '400 KiB' });
		expect(screen.queryByTestId('accuracy-other')).toBeNull();
	});

	it('labels the points as another setting’s when the reader’s sweep would differ', () => {
		const { controller } = mount(SWEEP);
		controller.set({ scheme: 'asym' });
		flushSync();
		expect(screen.getByTestId('accuracy-other')).toHaveTextContent(
			'These points are for another setting (copy task, symmetric grids, embeddings rounded, float activations). Run the sweep to measure yours.'
		);
	});

	it('with nothing recorded: says it is not measured, and the Run button asks for the sweep (17 runs, 24 with activations)', async () => {
		const { controller } = mount(null);
		const start = vi.spyOn(controller, 'startAccuracy').mockImplementation(() => {});
		expect(screen.getByTestId('accuracy-other')).toHaveTextContent('Not measured yet: Run the sweep to measure accuracy at every b.');
		expect(screen.queryByTestId('accuracy-stats')).toBeNull();
		expect(screen.queryByTestId('recorded-note')).toBeNull();
		expect(screen.getByRole('group', { name: 'Sweep controls' }).nextElementSibling).toHaveTextContent('17 model runs over the held-out sequences, on WebAssembly.');
		expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled();
		await fireEvent.click(screen.getByRole('button', { name: 'Run the sweep' }));
		expect(start).toHaveBeenCalledTimes(1);
		controller.set({ abits: '8' });
		flushSync();
		// Float, fp16, bf16, then per tensor, per channel and W+A at each of the 7 bit widths.
		expect(screen.getByRole('group', { name: 'Sweep controls' }).nextElementSibling).toHaveTextContent('24 model runs over the held-out sequences');
	});

	it('while a sweep runs before its first point: busy, counting the runs, and Stop ends it', async () => {
		const { controller } = mount(SWEEP);
		const run = controller.accuracy;
		run.settings = { task: 'copy', scheme: 'sym', emb: true, gran: 'tensor', act: null, backend: 'wasm' };
		run.tracks = run.tracks.map((t) => ({ ...t, status: 'running', step: 5, maxSteps: 17 }));
		flushSync();
		expect(screen.getByTestId('accuracy-progress')).toHaveTextContent('5 of 17 model runs');
		expect(summary()).toBe('Measuring: the first model run has not landed yet.');
		expect(screen.getByTestId('figure-computing')).toBeInTheDocument();
		expect(screen.getByRole('figure')).toHaveAttribute('aria-busy', 'true');
		// The build's sweep is not shown as the reader's.
		expect(screen.queryByTestId('recorded-note')).toBeNull();
		expect(screen.queryByTestId('accuracy-stats')).toBeNull();
		await fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
		expect(run.tracks[0].status).toBe('cancelled');
		expect(screen.queryByTestId('accuracy-progress')).toBeNull();
	});

	it('a failed sweep shows its message and Retry, which runs the sweep again', async () => {
		const { controller } = mount(SWEEP);
		const start = vi.spyOn(controller, 'startAccuracy').mockImplementation(() => {});
		controller.accuracy.settings = { task: 'copy', scheme: 'sym', emb: true, gran: 'tensor', act: null, backend: 'wasm' };
		controller.accuracy.error = 'The session could not be created: out of memory.';
		flushSync();
		const fault = screen.getByTestId('figure-fault');
		expect(fault).toHaveTextContent('This figure’s run failed');
		expect(fault).toHaveTextContent('The session could not be created: out of memory.');
		await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
		expect(start).toHaveBeenCalledTimes(1);
	});
});
