/**
 * A marker checkpoint in an article is answered on the figure itself: once the reader starts on it
 * the page shows the asked settings; the veiled figure keeps its axes in sight and hides its marks,
 * a marker lies on its x axis, and dragging it there is the same answer as the checkpoint's slider.
 * After the commit it stays, locked, as "your answer".
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { LabController } from '$lib/state/labController.svelte';
import type { Schema, StateOf } from '$lib/state/schema';
import type { Checkpoint } from '$lib/practice/types';
import MarkerCheckpointHarness from './harness/MarkerCheckpointHarness.svelte';

const schema = { n: { kind: 'int', label: 'Samples', min: 1, max: 100, default: 60 } } satisfies Schema;
type State = StateOf<typeof schema>;

const question: Checkpoint<State> = {
	id: 'peak',
	settings: () => ({ n: 40 }),
	prompt: () => 'Where does the test error peak?',
	answer: () => ({ kind: 'marker', figure: 'curve', axis: 'x', scale: 'linear', tolerance: 5, min: 0, max: 100 }),
	async solve(state) {
		return { expected: { kind: 'marker', value: state.n }, shown: `width ${state.n}`, explanation: 'At the interpolation threshold.' };
	}
};

function setup() {
	history.replaceState({}, '', '/lab');
	const controller = new LabController(schema, async (state: State) => `n ${state.n}`);
	const lab = {
		slug: 'test',
		checkpoints: [{ id: 'peak', figure: 'curve', title: 'Where is the peak?', varies: false }],
		loadCheckpoints: async () => ({ default: [question] })
	};
	render(MarkerCheckpointHarness, { controller, lab });
	return controller;
}

describe('a marker checkpoint on the figure itself', () => {
	it('hides the marks but not the axes, and a drag on the figure moves the answer', async () => {
		const controller = setup();
		await screen.findByText('Where does the test error peak?');
		const figure = screen.getByRole('figure', { name: /Test error against width/ });
		const slider = screen.getByRole('slider');
		// Read past, the page is left alone: the figure is blurred, with no marker.
		expect(figure.querySelector('.veiled')).not.toBeNull();
		expect(figure.querySelector('[data-testid="figure-marker"]')).toBeNull();
		expect(controller.state.n).toBe(60);

		// Started on, the page shows the asked settings, and the figure offers its axis.
		await fireEvent.focusIn(slider);
		expect(controller.state.n).toBe(40);
		const marker = await waitFor(() => {
			const found = figure.querySelector<SVGGElement>('[data-testid="figure-marker"]');
			expect(found).not.toBeNull();
			return found!;
		});
		expect(figure.querySelector('.marks-veiled')).not.toBeNull();
		expect(screen.getByTestId('figure-veiled')).toHaveTextContent('Drag the marker');
		expect(slider).toHaveAttribute('aria-valuetext', 'not placed yet');

		// jsdom has no layout: the chart is its default 640 px wide, and its plot starts at the
		// left margin (4.9 × the 13 px chart font = 64 px) and ends 16 px from the right (560 px).
		// A press 140 px into the plot is a quarter of the x domain [0, 100].
		const area = marker.querySelector('rect')!;
		await fireEvent.pointerDown(area, { clientX: 140, pointerId: 1 });
		expect(slider).toHaveAttribute('aria-valuetext', '25');
		await fireEvent.pointerMove(area, { clientX: 420, pointerId: 1 });
		expect(slider).toHaveAttribute('aria-valuetext', '75');
		await fireEvent.pointerUp(area, { pointerId: 1 });
		await fireEvent.pointerMove(area, { clientX: 0, pointerId: 1 });
		expect(slider).toHaveAttribute('aria-valuetext', '75');
		expect(marker.querySelector('text')).toHaveTextContent('75');

		await fireEvent.click(screen.getByTestId('checkpoint-commit'));
		await screen.findByTestId('checkpoint-reveal');
		await waitFor(() => expect(figure.querySelector('[data-veiled]')).toBeNull());
		const kept = figure.querySelector('[data-testid="figure-marker"]');
		expect(kept).toHaveTextContent('yours: 75');
		// Locked: a drag no longer moves it.
		await fireEvent.pointerDown(kept!.querySelector('rect')!, { clientX: 20, pointerId: 1 });
		expect(kept).toHaveTextContent('yours: 75');
	}, 20_000);
});
