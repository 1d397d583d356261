/**
 * The quantization lab's figure 3 (OutlierFigure), mounted on a controller seeded with an outlier
 * measurement as the build records it (no model, no runtime): the bars, readout and summary say
 * the channel ranges, INT8 step and W8A8 accuracies the measurement holds, with and without each
 * remedy; a measurement of other settings is labelled and the figure waits for its own, which it
 * starts a moment after the settings hold once the runtime is up; progress and failure show.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { quantization } from '$labs/quantization/lab';
import { QuantizationController } from '$labs/quantization/controller.svelte';
import type { QuantizationState } from '$labs/quantization/lab';
import type { OutlierResult } from '$labs/quantization/outlierAccuracy';
import type { GridResults } from '$labs/quantization/summary';
import OutlierFigure from '$labs/quantization/OutlierFigure.svelte';

afterEach(() => void vi.useRealTimers());

const TOKENS = 800;
/** Channel 6 (index 5) made wide; tokens right out of 800. */
const RESULT: OutlierResult = {
	channel: 5,
	absmax: [0.5, 0.8, 0.6, 0.7, 0.4, 50, 0.9, 0.55],
	step: 0.4,
	float: 760,
	none: 400,
	remedy: 752,
	kept: [],
	tokens: TOKENS
};
const pct = (count: number) => (100 * count) / TOKENS;
const WIDE = 'var(--viz-cat-5, #CC79A7)';
const NORMAL = 'var(--viz-cat-0, #E69F00)';
const KEPT = 'var(--viz-cat-2, #009E73)';

const GRID = { tensor: 'l0.mlp1.w', format: '4', rows: 1, cols: 1, domain: [0, 1], bins: [], binWidth: 1, tensorLevels: [], channels: [], tensorScale: 1, tensorZero: 0, channelScales: [1, 1], mse: 0, sqnr: 0, bitsPerWeight: 4, byGranularity: { tensor: { mse: 0, sqnr: 0 }, channel: { mse: 0, sqnr: 0 } }, mseByBits: [] } satisfies GridResults;

function mount(result: OutlierResult | null, state: Partial<QuantizationState> = {}) {
	const controller = new QuantizationController();
	controller.set(state);
	if (result) controller.seed({ state: controller.current(), results: { ...GRID, outlier: result }, omitted: [] });
	const view = render(Harness, { controller, figures: quantization.figures, figure: OutlierFigure });
	return { controller, ...view };
}

const stats = () =>
	Object.fromEntries([...screen.getByTestId('outlier-stats').querySelectorAll('div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
const summary = () => document.getElementById('outlier-summary')!.textContent;
const charts = (container: HTMLElement) => [...container.querySelectorAll<SVGSVGElement>('svg.chart-svg')];
const bars = (svg: SVGSVGElement) => [...svg.querySelectorAll<SVGRectElement>('g.bars rect')];
const num = (el: Element, attr: string) => Number(el.getAttribute(attr));

describe('OutlierFigure (figure 3) on the recorded measurement', () => {
	it('SmoothQuant: reads out float, W8A8, the remedy and the INT8 step, and sums them up', () => {
		mount(RESULT, { outlier: 100, fix: 'smooth', alpha: 0.5 });
		// 760, 400 and 752 of 800 tokens.
		expect(stats()).toEqual({ float: '95%', W8A8: '50%', 'SmoothQuant α = 0.5': '94%', 'INT8 step': '0.4' });
		expect(summary()).toBe(
			"Recorded at build time: copy task, c = 100, SmoothQuant α = 0.5: channel 6 of layer 1's attention input reaches 50, the widest other 0.9; the per-tensor INT8 step is 0.4. Float 95%, W8A8 50%, SmoothQuant α = 0.5 94%, over 800 held-out tokens."
		);
		expect(screen.getByTestId('recorded-note')).toBeInTheDocument();
		expect(screen.getByRole('figure')).toHaveAttribute('aria-busy', 'false');
	});

	it('draws a bar per channel on a log scale, the wide one in its own colour, the INT8 step as a rule', () => {
		const { container } = mount(RESULT, { outlier: 100, fix: 'smooth', alpha: 0.5 });
		const [ranges, accuracy] = charts(container);
		const b = bars(ranges);
		expect(b).toHaveLength(RESULT.absmax.length);
		expect(b.map((r) => r.getAttribute('fill'))).toEqual(RESULT.absmax.map((_, j) => (j === 5 ? WIDE : NORMAL)));
		// Bar tops: one affine function of log10(absmax), higher up (smaller y) for wider channels.
		const tops = b.map((r) => num(r, 'y'));
		const logs = RESULT.absmax.map(Math.log10);
		const k = (tops[5] - tops[4]) / (logs[5] - logs[4]);
		expect(k).toBeLessThan(0);
		logs.forEach((l, j) => expect(tops[j]).toBeCloseTo(tops[4] + k * (l - logs[4]), 4));
		// Left to right in channel order, labelled 1…8.
		const xs = b.map((r) => num(r, 'x'));
		expect([...xs].sort((p, q) => p - q)).toEqual(xs);
		expect([...ranges.querySelectorAll('.axis-x .tick text')].map((t) => t.textContent)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
		const rule = ranges.querySelector('g.ruler')!;
		expect(rule.querySelector('text')).toHaveTextContent('INT8 step 0.4');
		expect(num(rule.querySelector('line')!, 'y1')).toBeCloseTo(tops[4] + k * (Math.log10(0.4) - logs[4]), 4);

		// Accuracy: float, W8A8 and the remedy, heights in proportion to their percentages.
		expect([...accuracy.querySelectorAll('.axis-x .tick text')].map((t) => t.textContent)).toEqual(['float', 'W8A8', 'SmoothQuant']);
		const h = bars(accuracy).map((r) => num(r, 'height'));
		expect(h).toHaveLength(3);
		expect(h[1] / h[0]).toBeCloseTo(pct(400) / pct(760), 6);
		expect(h[2] / h[0]).toBeCloseTo(pct(752) / pct(760), 6);
	});

	it('no remedy: two bars, no remedy in the readout or summary; α does not matter then', () => {
		const { container, controller } = mount(RESULT, { outlier: 100, fix: 'none' });
		expect(stats()).toEqual({ float: '95%', W8A8: '50%', 'INT8 step': '0.4' });
		expect(summary()).toBe(
			"Recorded at build time: copy task, c = 100, no remedy: channel 6 of layer 1's attention input reaches 50, the widest other 0.9; the per-tensor INT8 step is 0.4. Float 95%, W8A8 50%, over 800 held-out tokens."
		);
		expect(bars(charts(container)[1])).toHaveLength(2);
		controller.set({ alpha: 0.8 });
		flushSync();
		expect(screen.queryByText(/These bars are for another setting/)).toBeNull();
		expect(screen.queryByTestId('figure-computing')).toBeNull();
	});

	it('LLM.int8: the channels kept float are coloured and listed', () => {
		const { container } = mount({ ...RESULT, kept: [5, 2], remedy: 758 }, { outlier: 100, fix: 'llmint8' });
		expect(stats()).toMatchObject({ 'LLM.int8': '94.8%' });
		expect(summary()).toContain(', LLM.int8 94.8% (channels kept float: 6, 3), over 800 held-out tokens.');
		// The wide channel keeps its own colour; the other kept one is marked.
		expect(bars(charts(container)[0]).map((r) => r.getAttribute('fill'))).toEqual([NORMAL, NORMAL, KEPT, NORMAL, NORMAL, WIDE, NORMAL, NORMAL]);
	});

	it('per-channel activation scales: says they are a fake-quant', () => {
		mount(RESULT, { outlier: 100, fix: 'channel' });
		expect(stats()).toMatchObject({ 'per-channel scales': '94%' });
		expect(screen.getByText(/Per-channel activation scales are a fake-quant here/)).toBeInTheDocument();
	});

	it('lists each channel’s absmax and whether it stayed float in its data table', async () => {
		const { container } = mount({ ...RESULT, kept: [5] }, { outlier: 100, fix: 'llmint8' });
		const details = container.querySelector('details.data-table') as HTMLDetailsElement;
		details.open = true;
		await fireEvent(details, new Event('toggle'));
		const rows = [...details.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
		expect(rows).toEqual(RESULT.absmax.map((v, j) => [String(j + 1), String(v), j === 5 ? 'yes' : 'no']));
	});

	it('other settings: labels the bars as theirs and waits; once the runtime is up it measures after the change holds', () => {
		vi.useFakeTimers();
		const { controller } = mount(RESULT, { outlier: 100, fix: 'smooth', alpha: 0.5 });
		const start = vi.spyOn(controller, 'startOutlier').mockImplementation(() => {});
		controller.set({ outlier: 50 });
		flushSync();
		expect(screen.getByText('These bars are for another setting (copy task, c = 100, SmoothQuant α = 0.5).')).toBeInTheDocument();
		expect(screen.getByTestId('figure-computing')).toBeInTheDocument();
		// No runtime yet: nothing starts.
		vi.advanceTimersByTime(1000);
		expect(start).not.toHaveBeenCalled();

		controller.status = 'ready';
		controller.backend = 'wasm';
		flushSync();
		vi.advanceTimersByTime(200);
		expect(start).not.toHaveBeenCalled();
		vi.advanceTimersByTime(100);
		expect(start).toHaveBeenCalledTimes(1);

		// Back to the recorded settings: nothing to measure, the note goes.
		controller.set({ outlier: 100 });
		flushSync();
		vi.advanceTimersByTime(1000);
		expect(start).toHaveBeenCalledTimes(1);
		expect(screen.queryByText(/These bars are for another setting/)).toBeNull();
	});

	it('nothing recorded: measuring; a run in progress counts its model runs; a failed one shows its message and Retry', async () => {
		const { controller } = mount(null);
		expect(summary()).toBe('Measuring: the first model run has not landed yet.');
		expect(screen.getByTestId('figure-computing')).toBeInTheDocument();
		expect(screen.queryByTestId('outlier-stats')).toBeNull();

		const run = controller.outlier;
		run.settings = { task: 'copy', c: 1, fix: 'none', alpha: 0.5, backend: 'wasm' };
		run.tracks = run.tracks.map((t) => ({ ...t, status: 'running', step: 2, maxSteps: 3 }));
		flushSync();
		expect(screen.getByTestId('outlier-progress')).toHaveTextContent('Measuring: 2 of 3 model runs.');

		const start = vi.spyOn(controller, 'startOutlier').mockImplementation(() => {});
		run.error = 'The W8A8 graph failed: out of memory.';
		flushSync();
		expect(screen.getByTestId('figure-fault')).toHaveTextContent('The W8A8 graph failed: out of memory.');
		expect(screen.queryByTestId('outlier-progress')).toBeNull();
		await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
		expect(start).toHaveBeenCalledTimes(1);
	});
});
