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

	it('takes its embed title only when embedded on its own, not in a whole-lab embed or on a lab page', () => {
		const heading = () => screen.getByRole('heading', { level: 3 }).textContent;
		const { unmount } = render(EmbeddedFigureHarness, { embedded: true, alone: true });
		expect(heading()).toBe('Every head, and one drawn as lines');
		unmount();
		const whole = render(EmbeddedFigureHarness, { embedded: true });
		expect(heading()).toBe('Every head');
		whole.unmount();
		render(EmbeddedFigureHarness, { embedded: false });
		expect(heading()).toBe('Figure 1. Every head');
	});
});
