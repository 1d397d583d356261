import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import EmbeddedFigureHarness from './harness/EmbeddedFigureHarness.svelte';

describe('Figure in an embed', () => {
	it('shows its own caption, and its controls above the drawing, on a lab page', () => {
		render(EmbeddedFigureHarness, { embedded: false });
		expect(screen.getByText('Pick a head to follow it through the other figures.').tagName).toBe('FIGCAPTION');
		const controls = screen.getByText('controls here');
		expect(controls.compareDocumentPosition(screen.getByTestId('drawing')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
	});

	it('shows the declared embed caption, and its controls below the drawing, in an embed', () => {
		render(EmbeddedFigureHarness, { embedded: true });
		expect(screen.getByText('Pick a head to draw it as lines.').tagName).toBe('FIGCAPTION');
		expect(screen.queryByText(/other figures/)).toBeNull();
		const controls = screen.getByText('controls here');
		expect(controls.compareDocumentPosition(screen.getByTestId('drawing')) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
	});
});
