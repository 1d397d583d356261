import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DerivationHarness from './harness/DerivationHarness.svelte';
import Equation from '$lib/ui/Equation.svelte';

describe('Equation', () => {
	it('typesets TeX with KaTeX', () => {
		const { container } = render(Equation, { tex: 'x^2', display: true });
		expect(container.querySelector('.katex-display')).not.toBeNull();
		expect(container.querySelector('annotation')?.textContent).toBe('x^2');
	});

	it('shows bad TeX instead of throwing', () => {
		const { container } = render(Equation, { tex: '\\frac{1}{' });
		expect(container.querySelector('.katex-error, .katex')).not.toBeNull();
	});
});

describe('Derivation', () => {
	const lines = (c: HTMLElement) => c.querySelectorAll('li').length;

	it('reveals steps one at a time, then all, then starts over', async () => {
		const { container } = render(DerivationHarness);
		expect(lines(container)).toBe(1);
		expect(screen.getByText('start')).toBeInTheDocument();
		expect(screen.getByText('Step 1 of 3')).toBeInTheDocument();

		await fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
		expect(lines(container)).toBe(2);
		expect(screen.getByTestId('step')).toHaveTextContent('2');

		await fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
		expect(lines(container)).toBe(1);

		await fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
		expect(lines(container)).toBe(3);
		expect(screen.getByText('by transitivity')).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Next step' })).toBeDisabled();

		await fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
		expect(lines(container)).toBe(1);
	});

	it('steps with arrow keys and follows the bound step from outside', async () => {
		const { container } = render(DerivationHarness);
		const next = screen.getByRole('button', { name: 'Next step' });
		await fireEvent.keyDown(next, { key: 'ArrowRight' });
		expect(lines(container)).toBe(2);
		await fireEvent.keyDown(next, { key: 'ArrowLeft' });
		expect(lines(container)).toBe(1);
		await fireEvent.click(screen.getByText('presenter next'));
		expect(lines(container)).toBe(2);
	});
});
