import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import DerivationHarness from './harness/DerivationHarness.svelte';
import Equation from '$lib/ui/Equation.svelte';

describe('Equation', () => {
	it('typesets TeX with KaTeX once KaTeX has loaded', async () => {
		const { container } = render(Equation, { tex: 'x^2', display: true });
		await waitFor(() => expect(container.querySelector('.katex-display')).not.toBeNull());
		expect(container.querySelector('annotation')?.textContent).toBe('x^2');
	});

	describe('off screen', () => {
		// A stand-in IntersectionObserver the test moves: `report(false)` takes every watched
		// element off screen, `report(true)` brings it near. (The page shares one observer, made
		// on first use, so this stand-in serves every test here.)
		const watched = new Set<Element>();
		let notify: ((entries: { target: Element; isIntersecting: boolean }[]) => void) | null = null;
		const report = (near: boolean) => notify?.([...watched].map((target) => ({ target, isIntersecting: near })));
		beforeEach(() =>
			vi.stubGlobal(
				'IntersectionObserver',
				class {
					constructor(callback: typeof notify) {
						notify = callback;
					}
					observe(element: Element) {
						watched.add(element);
					}
					unobserve(element: Element) {
						watched.delete(element);
					}
					disconnect() {
						watched.clear();
					}
				}
			)
		);
		afterEach(() => vi.unstubAllGlobals());

		/** An equation typeset at `first`, then taken off screen and changed to `second`. */
		async function changedOffScreen(first: string, second: string) {
			const { container, rerender } = render(Equation, { tex: first, display: true });
			const typeset = () => container.querySelector('annotation')?.textContent;
			await waitFor(() => expect(typeset()).toBe(first));
			report(false);
			await rerender({ tex: second });
			await tick();
			return { typeset, rerender };
		}

		it('keeps a changed equation until it comes near the viewport, then typesets the latest (no idle callbacks here)', async () => {
			const { typeset, rerender } = await changedOffScreen('x = 1', 'x = 2');
			expect(typeset()).toBe('x = 1');
			report(true);
			await tick();
			expect(typeset()).toBe('x = 2');
			// Near the viewport, changes are typeset at once.
			await rerender({ tex: 'x = 3' });
			expect(typeset()).toBe('x = 3');
		});

		it('typesets a changed equation off screen when the main thread is next idle', async () => {
			const idle: (() => void)[] = [];
			vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
			vi.stubGlobal('cancelIdleCallback', () => {});
			const { typeset } = await changedOffScreen('y = 1', 'y = 2');
			expect(typeset()).toBe('y = 1');
			// The latest request (earlier ones were cancelled when the TeX changed).
			expect(idle.length).toBeGreaterThan(0);
			idle.at(-1)!();
			await tick();
			expect(typeset()).toBe('y = 2');
		});
	});

	it('shows bad TeX instead of throwing', async () => {
		const { container } = render(Equation, { tex: '\\frac{1}{' });
		await waitFor(() => expect(container.querySelector('.katex-error, .katex')).not.toBeNull());
	});
});

describe('Derivation', () => {
	const visible = (c: HTMLElement) => [...c.querySelectorAll<HTMLElement>('.step')].filter((el) => !el.hidden).length;

	it('shows every line to a reader until they choose to step through', async () => {
		const { container } = render(DerivationHarness, { initial: Infinity });
		await tick();
		expect(visible(container)).toBe(3);
		await fireEvent.click(screen.getByRole('button', { name: 'Step through' }));
		expect(visible(container)).toBe(1);
		expect(screen.getByTestId('step')).toHaveTextContent('1');
	});

	it('reveals steps one at a time, then all, then starts over', async () => {
		const { container } = render(DerivationHarness);
		await tick();
		expect(visible(container)).toBe(1);
		expect(screen.getByText('Step 1 of 3')).toBeInTheDocument();

		await fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
		expect(visible(container)).toBe(2);
		expect(screen.getByTestId('step')).toHaveTextContent('2');

		await fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
		expect(visible(container)).toBe(1);

		await fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
		expect(visible(container)).toBe(3);
		expect(screen.getByText('by transitivity')).toBeVisible();

		await fireEvent.click(screen.getByRole('button', { name: 'Step through' }));
		expect(visible(container)).toBe(1);
	});

	it('steps with arrow keys and follows the bound step from outside', async () => {
		const { container } = render(DerivationHarness);
		await tick();
		const next = screen.getByRole('button', { name: 'Next step' });
		await fireEvent.keyDown(next, { key: 'ArrowRight' });
		expect(visible(container)).toBe(2);
		await fireEvent.keyDown(next, { key: 'ArrowLeft' });
		expect(visible(container)).toBe(1);
		await fireEvent.click(screen.getByText('presenter next'));
		expect(visible(container)).toBe(2);
	});
});
