import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import CompareHarness from './harness/CompareHarness.svelte';

const legendText = (c: HTMLElement) => c.querySelector('.legend')?.textContent ?? '';
const yLabels = (c: HTMLElement) => Array.from(c.querySelectorAll('.axis-y .tick text'), (t) => Number(t.textContent));

// The first render of a Figure compiles and mounts a lot on this shared 2-core machine.
describe('before and after a change (ghost and kept axis)', { timeout: 30_000 }, () => {
	it('draws no ghost until the series changes, then the previous series faint and dashed with a legend entry', async () => {
		const { container, rerender } = render(CompareHarness, { series: [0, 5, 10] });
		await tick();
		expect(container.querySelector('.ghost')).toBeNull();
		expect(legendText(container)).not.toContain('previous');
		expect(screen.getByRole('button', { name: 'Clear previous' })).toBeDisabled();

		await rerender({ series: [0, 1, 2] });
		await tick();
		const ghost = container.querySelector('.ghost path.line');
		expect(ghost).not.toBeNull();
		expect(ghost?.getAttribute('stroke-dasharray')).toBe('5 4');
		expect(legendText(container)).toContain('previous');

		// Reset: the ghost goes.
		await fireEvent.click(screen.getByRole('button', { name: 'Clear previous' }));
		expect(container.querySelector('.ghost')).toBeNull();
		expect(legendText(container)).not.toContain('previous');
	});

	it('rescales to each series unless the axis is kept', async () => {
		const { container, rerender } = render(CompareHarness, { series: [0, 5, 10] });
		await tick();
		expect(Math.max(...yLabels(container))).toBe(10);
		await rerender({ series: [0, 1, 2] });
		await tick();
		expect(Math.max(...yLabels(container))).toBe(2);

		// Keep the axis, then go back up and down: the axis holds the largest range seen since.
		await fireEvent.click(screen.getByRole('checkbox', { name: 'Keep axis' }));
		await rerender({ series: [0, 5, 10] });
		await tick();
		await rerender({ series: [0, 1, 2] });
		await tick();
		expect(Math.max(...yLabels(container))).toBe(10);
		expect(Math.min(...yLabels(container))).toBe(0);

		// Clear re-bases the kept axis on what is on show now.
		await fireEvent.click(screen.getByRole('button', { name: 'Clear previous' }));
		await tick();
		expect(Math.max(...yLabels(container))).toBe(2);
	});
});

describe('keyboard readout (KeyboardX)', { timeout: 30_000 }, () => {
	it('steps a readout through the positions with the arrow keys and picks with Enter', async () => {
		const onpick = vi.fn();
		render(CompareHarness, { series: [3, 6, 9, 12], onpick });
		const slider = screen.getByRole('slider', { name: 'Curve by step' });
		expect(slider).toHaveAttribute('tabindex', '0');

		await fireEvent.focus(slider);
		expect(screen.getByTestId('readout')).toHaveTextContent('step 1: 3');
		expect(slider).toHaveAttribute('aria-valuetext', 'step 1: 3');

		await fireEvent.keyDown(slider, { key: 'ArrowRight' });
		expect(screen.getByTestId('readout')).toHaveTextContent('step 2: 6');
		await fireEvent.keyDown(slider, { key: 'End' });
		expect(screen.getByTestId('readout')).toHaveTextContent('step 4: 12');
		// Stops at the ends.
		await fireEvent.keyDown(slider, { key: 'ArrowRight' });
		expect(slider).toHaveAttribute('aria-valuenow', '4');
		await fireEvent.keyDown(slider, { key: 'Home' });
		expect(slider).toHaveAttribute('aria-valuenow', '1');

		await fireEvent.keyDown(slider, { key: 'Enter' });
		expect(onpick).toHaveBeenCalledWith(1);

		await fireEvent.blur(slider);
		expect(screen.queryByTestId('readout')).toBeNull();
	});
});
