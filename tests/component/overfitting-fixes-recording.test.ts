/**
 * Figure 4 of the overfitting lab (one fix at a time) draws its build-time recording before any
 * run: at the default settings its seven panels have curves and final losses, labelled as
 * recorded, so the page, its embed and its picture are never seven empty panels. Under settings
 * the recording is not of (more seeds, another strength, a fault) it draws none of it. Patience
 * only reads the curves, so the recording stays under any patience.
 */
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { render } from '@testing-library/svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { overfitting } from '$labs/overfitting/lab';
import { OverfittingController } from '$labs/overfitting/controller.svelte';
import FixesFigure from '$labs/overfitting/FixesFigure.svelte';
import recording from '$labs/overfitting/recorded/fixes.json';
import { formatNumber } from '$lib/format';

function mount() {
	const controller = new OverfittingController();
	const view = render(Harness, { controller, figures: overfitting.figures, figure: FixesFigure });
	const figure = view.container.querySelector('figure[data-figure="fixes"]')!;
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
