/**
 * The attention lab's figure 7 (train it yourself) draws its build-time recording before any run:
 * on the default task and digits, the loss curve and every head at the last recorded snapshot,
 * with a slider over the snapshots, labelled as recorded; on another task, nothing until Start.
 */
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { render } from '@testing-library/svelte';
import Harness from './harness/LabFigureHarness.svelte';
import { attentionHeatmaps } from '$labs/attention-heatmaps/lab';
import { AttnController } from '$labs/attention-heatmaps/controller.svelte';
import TrainingFigure from '$labs/attention-heatmaps/TrainingFigure.svelte';
import recording from '$labs/attention-heatmaps/recorded/train.json';

function mount() {
	const controller = new AttnController();
	const view = render(Harness, { controller, figures: attentionHeatmaps.figures, figure: TrainingFigure });
	const figure = view.container.querySelector('figure[data-figure="train"]')!;
	return { controller, figure };
}

describe('figure 7 before any run', () => {
	it('draws the recorded losses and every head at the last snapshot, labelled as recorded', () => {
		const { figure } = mount();
		expect(figure.querySelector('[data-testid="recorded-note"]')).not.toBeNull();
		const curve = figure.querySelector('path.line')!.getAttribute('d') ?? '';
		expect(curve.split('L')).toHaveLength(recording.losses.length);
		expect(figure.querySelectorAll('svg.attention-map')).toHaveLength(8);
		const slider = figure.querySelector<HTMLInputElement>('#train-snapshot')!;
		expect(Number(slider.max)).toBe(recording.snapshots.length - 1);
		expect(figure.querySelector('label.scrub')?.textContent).toMatch(new RegExp(`^Snapshot at step ${recording.snapshots.at(-1)!.step}, loss `));
	});

	it('draws nothing on another task until the reader trains it', () => {
		const { controller, figure } = mount();
		controller.set({ task: 'reverse' });
		flushSync();
		expect(figure.querySelector('[data-testid="recorded-note"]')).toBeNull();
		expect(figure.querySelectorAll('svg.attention-map')).toHaveLength(0);
		expect(figure.querySelector('path.line')?.getAttribute('d') ?? '').toBe('');
	});
});
