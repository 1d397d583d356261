/**
 * Figure 2 of the overfitting lab (its data checks) no longer holds up figure 1: the lab's
 * results may arrive without the checks, which follow them (staged results). Until they land
 * the figure must say it is computing (aria-busy, "computing…") and draw no panels; a failure of
 * the checks alone is the figure's fault, with a Retry that runs the lab again, not a failure
 * of the whole lab.
 */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { overfitting } from '$labs/overfitting/lab';
import { OverfittingController } from '$labs/overfitting/controller.svelte';
import DataChecksFigure from '$labs/overfitting/DataChecksFigure.svelte';
import type { OverfittingResults } from '$labs/overfitting/summary';

/** Figure 1's numbers without figure 2's checks, as a live run commits them. */
const WITHOUT_CHECKS: OverfittingResults = {
	n: 256,
	nVal: 1000,
	width: 256,
	parameters: 103_940,
	initial: { trainLoss: 1.4, trainAcc: 0.25, valLoss: 1.41, valAcc: 0.24 },
	examples: [],
	checks: null
};

function mount() {
	const controller = new OverfittingController();
	controller.seed({ state: controller.current(), results: WITHOUT_CHECKS, omitted: [] });
	const view = render(Harness, { controller, figures: overfitting.figures, figure: DataChecksFigure });
	const figure = view.container.querySelector('figure[data-figure="checks"]')!;
	return { controller, figure, ...view };
}

describe('the data checks figure while its checks compute', () => {
	it('says it is computing and draws no panels until the checks land', () => {
		const { figure } = mount();
		expect(figure.getAttribute('aria-busy')).toBe('true');
		expect(screen.getByTestId('figure-computing').textContent).toMatch(/computing/);
		expect(figure.querySelector('.panels')).toBeNull();
	});

	it('a failure of the checks is this figure’s, with a Retry that runs the lab again', async () => {
		const { controller, figure } = mount();
		const retry = vi.spyOn(controller, 'retry').mockImplementation(() => {});
		controller.laterError = 'The data checks could not run: out of memory.';
		await Promise.resolve();
		const fault = screen.getByTestId('figure-fault');
		expect(fault.textContent).toContain('out of memory');
		expect(figure.getAttribute('aria-busy')).toBe('false');
		expect(controller.status).not.toBe('error');
		await fireEvent.click(screen.getByRole('button', { name: /retry/i }));
		expect(retry).toHaveBeenCalledTimes(1);
	});
});
