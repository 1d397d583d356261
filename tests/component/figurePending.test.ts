/**
 * A figure says it is computing until its lab's first numbers arrive: aria-busy on the figure
 * and a visible "computing…" label, both gone once the model has answered (and not shown over a
 * failure, which has its own notice).
 */
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { LabController } from '$lib/state/labController.svelte';
import type { Schema, StateOf } from '$lib/state/schema';
import PendingFigureHarness from './harness/PendingFigureHarness.svelte';

const schema = { depth: { kind: 'int', label: 'Depth', min: 1, max: 50, default: 20 } } satisfies Schema;

describe('Figure: computing indicator', () => {
	it('is busy with a "computing…" label until the results arrive', async () => {
		history.replaceState({}, '', '/lab');
		let answer = () => {};
		const controller = new LabController(schema, (state: StateOf<typeof schema>) => new Promise<string>((resolve) => (answer = () => resolve(`depth ${state.depth}`))));
		render(PendingFigureHarness, { controller });

		const figure = screen.getByRole('figure', { name: 'Figure 1. Gradient norm per layer' });
		expect(figure).toHaveAttribute('aria-busy', 'true');
		expect(screen.getByTestId('figure-computing')).toHaveTextContent('computing…');

		// The model is asked only once the backend is chosen; then it answers.
		await waitFor(() => expect(controller.status).toBe('loading'));
		await waitFor(() => expect(controller.backend).not.toBeNull());
		await new Promise((r) => setTimeout(r, 50));
		expect(screen.getByTestId('figure-computing')).toBeInTheDocument();
		answer();

		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 20'));
		expect(figure).toHaveAttribute('aria-busy', 'false');
		expect(screen.queryByTestId('figure-computing')).toBeNull();
	});

	it('gives way to the failure notice when the model fails', async () => {
		history.replaceState({}, '', '/lab');
		const controller = new LabController(schema, async () => {
			throw new TypeError('Failed to fetch dynamically imported module: /_app/chunk.js');
		});
		render(PendingFigureHarness, { controller });
		await waitFor(() => expect(screen.getByTestId('figure-fault')).toBeInTheDocument());
		expect(screen.queryByTestId('figure-computing')).toBeNull();
		expect(screen.getByRole('figure', { name: 'Figure 1. Gradient norm per layer' })).toHaveAttribute('aria-busy', 'false');
	});
});
