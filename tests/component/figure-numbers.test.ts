/** Figures carry their number from the lab's declaration order, and prose refers to them through it. */
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import FigureRefHarness from './harness/FigureRefHarness.svelte';

describe('figure numbers', () => {
	it('titles a figure "Figure N." with N its place among the declared figures', () => {
		render(FigureRefHarness);
		const figure = screen.getByRole('figure', { name: 'Figure 3. Knobs that move the peak' });
		expect(figure.querySelector('h3')?.textContent).toBe('Figure 3. Knobs that move the peak');
	});

	it('writes references from the same numbers, linked to the figures', () => {
		render(FigureRefHarness);
		const prose = screen.getByTestId('prose');
		expect(prose.textContent?.replace(/\s+/g, ' ')).toBe('As figure 2 shows, and figures 1 and 3 confirm. Figure 3 has knobs.');
		expect(screen.getByRole('link', { name: 'figure 2' })).toHaveAttribute('href', '#norm');
		expect(screen.getByRole('link', { name: '1' })).toHaveAttribute('href', '#curve');
		expect(screen.getByRole('link', { name: 'Figure 3' })).toHaveAttribute('href', '#knobs');
	});
});
