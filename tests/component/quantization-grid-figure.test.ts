/**
 * The quantization lab's figure 1 (GridFigure), mounted on a controller seeded with results as
 * the build prerenders them (no model, no runtime): its readout and summary say the numbers the
 * results hold, for an integer grid, a float format and a linear layer's inputs; the histogram
 * draws one bar per bin at its count and the per-tensor grid's levels over it; the channel strips
 * are labelled with their steps; the data table lists the MSE at each b; and the figure says when
 * it is waiting, when the numbers are another setting's, and when the model failed.
 */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { quantization } from '$labs/quantization/lab';
import { QuantizationController } from '$labs/quantization/controller.svelte';
import type { QuantizationState } from '$labs/quantization/lab';
import type { GridResults } from '$labs/quantization/summary';
import GridFigure from '$labs/quantization/GridFigure.svelte';

/** A grid's levels k · s for k = lo … hi. */
const grid = (s: number, lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => (lo + i) * s);
const COUNTS = [1, 3, 7, 12, 12, 7, 3, 1];
/** MSE at b = 2 … 8: a quarter per bit, so each ratio is exactly 4. */
const MSE_BY_BITS = [2, 4, 6, 8, 10, 12, 14].map((e) => 2 ** -e);

/** Made-up results for a 64 × 16 weight tensor at 4 bits, symmetric, per tensor. */
function intResults(over: Partial<GridResults> = {}): GridResults {
	return {
		tensor: 'l0.mlp1.w',
		format: '4',
		rows: 64,
		cols: 16,
		domain: [-0.5, 0.5],
		bins: COUNTS.map((count, i) => ({ x: -0.4375 + i * 0.125, count })),
		binWidth: 0.125,
		tensorLevels: grid(0.0625, -7, 7),
		channels: [
			{ channel: 3, values: [0.01, -0.02, 0.03], levels: grid(0.012, -7, 7), scale: 0.012 },
			{ channel: 0, values: [0.1, -0.1, 0.05, 0], levels: grid(0.025, -7, 7), scale: 0.025 },
			{ channel: 9, values: [0.2, -0.3, 0.1, 0.15, -0.05], levels: grid(0.05, -7, 7), scale: 0.05 },
			{ channel: 14, values: [0.4, -0.4, 0.3, -0.2, 0.1, 0], levels: grid(0.06, -7, 7), scale: 0.06 }
		],
		tensorScale: 0.0625,
		tensorZero: 0,
		channelScales: [0.012, 0.06],
		mse: 0.00456,
		sqnr: 21.37,
		bitsPerWeight: 4,
		byGranularity: { tensor: { mse: 0.00456, sqnr: 21.37 }, channel: { mse: 0.00123, sqnr: 27.05 } },
		mseByBits: MSE_BY_BITS,
		...over
	};
}

function mount(results: GridResults | null, state: Partial<QuantizationState> = {}) {
	const controller = new QuantizationController();
	controller.set(state);
	if (results) controller.seed({ state: controller.current(), results, omitted: [] });
	const view = render(Harness, { controller, figures: quantization.figures, figure: GridFigure });
	return { controller, ...view };
}

/** The readout as label → value. */
const stats = () =>
	Object.fromEntries([...screen.getByTestId('grid-stats').querySelectorAll('div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
const summary = () => document.getElementById('grid-summary')!.textContent;
const charts = (container: HTMLElement) => [...container.querySelectorAll<SVGSVGElement>('svg.chart-svg')];

describe('GridFigure (figure 1) on prerendered results', () => {
	it('reads out the step, zero point, error and the other granularity’s MSE the results hold', () => {
		mount(intResults());
		expect(stats()).toEqual({
			'step s': '0.0625',
			'zero point z': '0',
			MSE: '0.00456',
			SQNR: '21.4 dB',
			'bits/weight': '4',
			'MSE per channel': '0.00123'
		});
		expect(summary()).toBe('l0.mlp1.w (64×16) at 4 bits, symmetric, per tensor: MSE 0.00456, SQNR 21.4 dB; per channel the MSE would be 0.00123.');
		const figure = screen.getByRole('figure', { name: 'Figure 1. The grid: one tensor rounded to b bits (analytic)' });
		expect(figure).toHaveAttribute('aria-busy', 'false');
		expect(screen.queryByTestId('figure-computing')).toBeNull();
	});

	it('per channel and asymmetric: the range of channel steps, a zero point per channel, and the per-tensor MSE beside', () => {
		mount(intResults({ mse: 0.00123, sqnr: 27.05 }), { gran: 'channel', scheme: 'asym' });
		expect(stats()).toEqual({
			'step s': '0.012 … 0.06',
			'zero point z': 'one per channel',
			MSE: '0.00123',
			SQNR: '27.1 dB',
			'bits/weight': '4',
			'MSE per tensor': '0.00456'
		});
		expect(summary()).toBe('l0.mlp1.w (64×16) at 4 bits, asymmetric, per channel: MSE 0.00123, SQNR 27.1 dB; per tensor the MSE would be 0.00456.');
	});

	it('asymmetric per tensor: the tensor’s zero point', () => {
		mount(intResults({ tensorZero: 7 }), { scheme: 'asym' });
		expect(stats()['zero point z']).toBe('7');
	});

	it('draws one histogram bar per bin at its count, the per-tensor grid over it, and four labelled channel strips', () => {
		const results = intResults();
		const { container } = mount(results);
		const [histogram, strips] = charts(container);
		expect(histogram.querySelector('title')).toHaveTextContent('Histogram of the weights and the per-tensor grid');
		const bars = [...histogram.querySelectorAll<SVGRectElement>('g.bars rect')];
		expect(bars).toHaveLength(COUNTS.length);
		// Heights in proportion to the counts (the y axis starts at 0).
		const h = bars.map((b) => Number(b.getAttribute('height')));
		COUNTS.forEach((c, i) => expect(h[i] / h[3]).toBeCloseTo(c / 12, 6));
		// Left to right in the order of the bins' x.
		const xs = bars.map((b) => Number(b.getAttribute('x')));
		expect([...xs].sort((a, b) => a - b)).toEqual(xs);
		// The 15 levels of the 4-bit grid, evenly spaced.
		const ticks = [...histogram.querySelectorAll('.levels line')].map((l) => Number(l.getAttribute('x1')));
		expect(ticks).toHaveLength(15);
		ticks.forEach((t, i) => expect(t - ticks[0]).toBeCloseTo((i * (ticks[14] - ticks[0])) / 14, 6));

		// Below: a strip per channel, named with its step, and every one of its values as a dot.
		const labels = [...strips.querySelectorAll('.levels text')].map((t) => t.textContent);
		expect(labels).toEqual(['channel 4: s = 0.012', 'channel 1: s = 0.025', 'channel 10: s = 0.05', 'channel 15: s = 0.06']);
		expect(strips.querySelectorAll('.levels')).toHaveLength(4);
		expect(strips.querySelectorAll('g.points circle')).toHaveLength(3 + 4 + 5 + 6);
		// The narrowest channel on top: its dots have the smallest y.
		const ys = [...strips.querySelectorAll('g.points circle')].map((c) => Number(c.getAttribute('cy')));
		expect(Math.max(...ys.slice(0, 3))).toBeLessThan(Math.min(...ys.slice(3 + 4 + 5)));
	});

	it('lists the MSE at every b and the ratio to one more bit in its data table', async () => {
		const { container } = mount(intResults());
		const details = container.querySelector('details.data-table') as HTMLDetailsElement;
		details.open = true;
		await fireEvent(details, new Event('toggle'));
		const rows = [...details.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
		expect([...details.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['bits b', 'MSE', 'MSE(b)/MSE(b+1)']);
		expect(rows).toEqual([2, 3, 4, 5, 6, 7, 8].map((b, i) => [String(b), String(MSE_BY_BITS[i]), i < 6 ? '4' : 'NaN']));
	});

	it('a float format: no grid, its significant bits and relative step, and the format’s bits per weight', () => {
		const results = intResults({
			format: 'fp16',
			tensorLevels: [],
			channels: intResults().channels.map((c) => ({ ...c, levels: [], scale: NaN })),
			tensorScale: NaN,
			channelScales: [NaN, NaN],
			mse: 3.2e-9,
			sqnr: Infinity,
			bitsPerWeight: 16
		});
		const { container } = mount(results, { wbits: 'fp16' });
		expect(stats()).toEqual({
			'significant bits p': '11',
			step: '2⁻¹⁰ × the weight\'s power of two',
			MSE: '3.20×10⁻⁹',
			SQNR: '∞ (exact)',
			'bits/weight': '16'
		});
		const [histogram, strips] = charts(container);
		expect(histogram.querySelector('title')).toHaveTextContent(/^Histogram of the weights$/);
		expect(histogram.querySelectorAll('.levels')).toHaveLength(0);
		expect([...strips.querySelectorAll('.levels text')].map((t) => t.textContent)).toEqual(['channel 4', 'channel 1', 'channel 10', 'channel 15']);
		expect(summary()).toContain('l0.mlp1.w (64×16) in fp16, 11 significant bits');
		expect(summary()).toContain('MSE 3.20×10⁻⁹, SQNR ∞ (exact)');
	});

	it('a linear layer’s inputs: the calibrated grid’s span, the share it clips, and the clipped tails shaded', () => {
		const results = intResults({
			tensor: 'l0.mlp1.x',
			format: '8',
			rows: 512,
			cols: 64,
			domain: [-4, 5],
			tensorLevels: grid(0.025, -100, 150),
			tensorScale: 0.025,
			tensorZero: 100,
			mse: 0.0052,
			sqnr: 38.25,
			inputs: { calib: 'pct', pct: 99.9, clip: [-2.5, 3.75], clipped: 0.0012 }
		});
		const { container } = mount(results, { tensor: 'l0.mlp1.x', abits: '8', calib: 'pct', scheme: 'asym' });
		expect(stats()).toEqual({
			'step s': '0.025',
			'zero point z': '100',
			'grid spans': '−2.5 … 3.75',
			clipped: '0.12%',
			MSE: '0.0052',
			SQNR: '38.3 dB'
		});
		expect(summary()).toBe(
			'l0.mlp1.x: 512 tokens × 64 features from the calibration sequences, at 8 bits, asymmetric, one grid for the tensor calibrated by the 99.9th percentile: it spans −2.5 to 3.75 and clips 0.12% of the values; MSE 0.0052, SQNR 38.3 dB.'
		);
		// Both tails hold values (−4 < −2.5 − s/2, 5 > 3.75 + s/2): both are shaded.
		expect(charts(container)[0].querySelectorAll('g.clip rect')).toHaveLength(2);
		expect([...charts(container)[1].querySelectorAll('.levels text')].map((t) => t.textContent)).toEqual(['feature 4', 'feature 1', 'feature 10', 'feature 15']);
	});

	it('says it is computing before any results, and dims them once the reader’s settings are another', () => {
		const empty = mount(null);
		expect(screen.getByTestId('figure-computing')).toHaveTextContent('computing…');
		expect(summary()).toBe('Waiting for the weights.');
		expect(screen.queryByTestId('grid-stats')).toBeNull();
		empty.unmount();

		const { controller } = mount(intResults());
		expect(screen.queryByTestId('figure-computing')).toBeNull();
		controller.set({ wbits: '3' });
		flushSync();
		expect(screen.getByTestId('figure-computing')).toHaveTextContent('computing your settings…');
		expect(screen.getByRole('figure')).toHaveAttribute('aria-busy', 'true');
		expect(screen.getByRole('figure').querySelector('.body')).toHaveClass('stale');
	});

	it('shows the lab’s failure with Retry, which asks the controller to try again', async () => {
		const { controller } = mount(null);
		const retry = vi.spyOn(controller, 'retry').mockImplementation(() => {});
		controller.status = 'error';
		controller.error = 'The model attention-copy could not be downloaded.';
		flushSync();
		const fault = screen.getByTestId('figure-fault');
		expect(fault).toHaveTextContent('This figure has no numbers yet');
		expect(fault).toHaveTextContent('The model attention-copy could not be downloaded.');
		expect(screen.queryByTestId('figure-computing')).toBeNull();
		await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
		expect(retry).toHaveBeenCalledTimes(1);
	});
});
