/**
 * Double descent's figure 5 (implicit regularization) draws its build-time recording before any
 * run: at the default settings its four charts have both runs' curves, its readout has both
 * runs' last readings, labelled as recorded; at another n, nothing until Start.
 */
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { render } from '@testing-library/svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { doubleDescent } from '$labs/double-descent/lab';
import { DdController } from '$labs/double-descent/controller.svelte';
import TrainingFigure from '$labs/double-descent/TrainingFigure.svelte';
import recording from '$labs/double-descent/recorded/implicit.json';

function mount() {
	const controller = new DdController();
	const view = render(Harness, { controller, figures: doubleDescent.figures, figure: TrainingFigure });
	const figure = view.container.querySelector('figure[data-figure="implicit"]')!;
	/** Curves with more than a few points (the rulers are single segments). */
	const curves = () => [...figure.querySelectorAll('path.line')].filter((p) => (p.getAttribute('d') ?? '').split('L').length > 20).length;
	return { controller, figure, curves };
}

describe('figure 5 before any run', () => {
	it('draws both recorded runs in each of its four charts, labelled as recorded', () => {
		const { figure, curves } = mount();
		expect(figure.querySelector('[data-testid="recorded-note"]')).not.toBeNull();
		expect(curves()).toBe(8);
		const steps = recording.view.steps.toLocaleString('en-US');
		expect(figure.textContent).toContain(`step ${steps}/${steps}`);
		expect(figure.querySelector('#implicit-summary')?.textContent).toMatch(new RegExp(`^Recorded at build time for the default settings\\. GD from w₀ = 0: after ${recording.view.steps} steps`));
	});

	it('draws nothing at another n until the reader trains it', () => {
		const { controller, figure, curves } = mount();
		controller.set({ n: 30 });
		flushSync();
		expect(figure.querySelector('[data-testid="recorded-note"]')).toBeNull();
		expect(curves()).toBe(0);
	});
});
