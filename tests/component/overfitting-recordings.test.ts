/**
 * The overfitting lab's training figures draw build-time recordings before any run, labelled as
 * recorded, and none of them under settings the recordings are not of.
 * - Figure 4 (one fix at a time): at the default settings its seven panels have curves and final
 *   losses, so the page, its embed and its picture are never seven empty panels. More seeds,
 *   another strength or a fault draw none of it; patience only reads the curves, so any keeps it.
 * - Figure 3 (gap timing): at the default settings, a point per width in both charts.
 * - Figure 6 (label noise): at ρ = 0 and the default settings it is figure 1's run exactly
 *   (noise.test.ts), so it draws figure 1's recording; at another ρ, nothing until Start.
 */
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { render } from '@testing-library/svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { overfitting } from '$labs/overfitting/lab';
import { OverfittingController } from '$labs/overfitting/controller.svelte';
import FixesFigure from '$labs/overfitting/FixesFigure.svelte';
import NoiseFigure from '$labs/overfitting/NoiseFigure.svelte';
import GapFigure from '$labs/overfitting/GapFigure.svelte';
import gapRecording from '$labs/overfitting/recorded/gap.json';
import recording from '$labs/overfitting/recorded/fixes.json';
import { formatNumber } from '$lib/format';

function mount(shown: typeof FixesFigure = FixesFigure) {
	const controller = new OverfittingController();
	const view = render(Harness, { controller, figures: overfitting.figures, figure: shown });
	const figure = view.container.querySelector('figure[data-figure]')!;
	const panels = () => [...figure.querySelectorAll('.fix-panel')];
	return { controller, figure, panels };
}

/** The final validation loss a panel reads out, as the figure formats it. */
const finalOf = (id: string) => formatNumber(recording.runs.find((r) => r.id === id)!.points.at(-1)![3]);

describe('figure 4 before any run', () => {
	it('draws the recording at the default settings, every panel with both curves, labelled as recorded', () => {
		const { figure, panels } = mount();
		expect(figure.querySelector('[data-testid="recorded-note"]')).not.toBeNull();
		expect(panels()).toHaveLength(7);
		for (const panel of panels()) {
			const lines = [...panel.querySelectorAll('path.line')].map((p) => p.getAttribute('d') ?? '');
			expect(lines, panel.querySelector('.panel-title')?.textContent ?? '').toHaveLength(2);
			for (const d of lines) expect(d.split('L').length).toBeGreaterThan(5);
		}
		const reading = (i: number) => panels()[i].querySelector('.reading')!.textContent!.trim();
		expect(reading(0)).toBe(`final ${finalOf('baseline')}`);
		expect(reading(1)).toMatch(new RegExp(`^final ${finalOf('aug')} \\(`));
		expect(figure.querySelector(`#${CSS.escape('fixes-summary')}`)?.textContent).toMatch(/^Recorded at build time for the default settings\. Final validation loss: baseline /);
	});

	it('keeps the recording under another patience, which only reads the curves', () => {
		const { controller, figure } = mount();
		controller.set({ patience: 3 });
		flushSync();
		expect(figure.querySelector('[data-testid="recorded-note"]')).not.toBeNull();
	});

	for (const patch of [{ seeds: 2 }, { dropout: 0.5 }, { shift: 0.5 }, { n: 512 }] as const) {
		it(`draws no recorded curve at ${JSON.stringify(patch)}, and says the recording is of the defaults`, () => {
			const { controller, figure, panels } = mount();
			controller.set(patch);
			flushSync();
			expect(figure.querySelector('[data-testid="recorded-note"]')).toBeNull();
			expect(figure.textContent).toMatch(/The build-time recording is of the default settings only/);
			for (const panel of panels()) for (const path of panel.querySelectorAll('path.line')) expect(path.getAttribute('d') ?? '').toBe('');
		});
	}
});

describe('figure 6 before any run', () => {
	// Its second chart, the ρ sweep, has a recording of its own: this note is the first chart's.
	const noted = (figure: Element) => [...figure.querySelectorAll('[data-testid="recorded-note"]')].some((n) => /the symptom figure's run/.test(n.textContent ?? ''));
	const drawn = (figure: Element) => [...figure.querySelectorAll('path.line')].filter((p) => (p.getAttribute('d') ?? '').split('L').length > 100).length;

	it('draws figure 1’s recording at ρ = 0 and the default settings: training and validation, 150 epochs each', () => {
		const { figure } = mount(NoiseFigure);
		expect(noted(figure)).toBe(true);
		// No label is redrawn at ρ = 0: every label is kept, so "kept" would be "all" drawn twice.
		expect(drawn(figure)).toBe(2);
		expect(figure.querySelector('.legend')?.textContent ?? '').not.toMatch(/kept labels|redrawn labels/);
	});

	it('draws nothing at ρ = 0.4 until the reader trains it', () => {
		const { controller, figure } = mount(NoiseFigure);
		controller.set({ noise: 0.4 });
		flushSync();
		expect(noted(figure)).toBe(false);
		expect(drawn(figure)).toBe(0);
	});
});

describe('figure 3 before any run', () => {
	it('draws a point per recorded width in both charts, labelled as recorded', () => {
		const { figure } = mount(GapFigure);
		expect(figure.querySelector('[data-testid="recorded-note"]')).not.toBeNull();
		const charts = [...figure.querySelectorAll('svg.chart-svg')];
		expect(charts).toHaveLength(2);
		for (const chart of charts) expect(chart.querySelectorAll('circle')).toHaveLength(gapRecording.runs.length);
		expect(figure.querySelector('#gap-summary')?.textContent).toMatch(/^Recorded at build time for the default settings\. Validation minimum and the accuracy gap there: width 8: epoch \d+/);
	});

	it('draws no point at other epochs until the reader trains it', () => {
		const { controller, figure } = mount(GapFigure);
		controller.set({ epochs: 100 });
		flushSync();
		expect(figure.querySelector('[data-testid="recorded-note"]')).toBeNull();
		expect(figure.querySelectorAll('svg.chart-svg circle')).toHaveLength(0);
	});
});
