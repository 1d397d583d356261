import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import FigureHarness from './harness/FigureHarness.svelte';
import Notice from '$lib/ui/Notice.svelte';
import Ridgeline from './harness/RidgelineHarness.svelte';

describe('Figure', () => {
	afterEach(() => vi.restoreAllMocks());

	it('renders title, controls, caption, summary and a data table', () => {
		render(FigureHarness);
		const figure = screen.getByRole('figure', { name: 'Figure 1. Gradient norm per layer' });
		expect(figure).toHaveAccessibleDescription('Bars shrink from layer 2 to 1.');
		expect(screen.getByText('Notice the decay.').tagName).toBe('FIGCAPTION');
		expect(screen.getByText('controls here')).toBeInTheDocument();
		expect(screen.getByText('Show data')).toBeInTheDocument();
		const table = screen.getByRole('table', { hidden: true });
		const headers = within(table).getAllByRole('columnheader', { hidden: true }).map((h) => h.textContent);
		expect(headers).toEqual(['layer', 'note']);
		expect(within(table).getByText('has, comma')).toBeInTheDocument();
		// The band chart inside drew both bars.
		expect(figure.querySelectorAll('.bars rect')).toHaveLength(2);
	});

	it('exports the data as CSV and the chart as SVG', async () => {
		const blobs: Blob[] = [];
		// jsdom has no object URLs or downloads: capture what would be saved.
		URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:test'));
		URL.revokeObjectURL = vi.fn();
		const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
		render(FigureHarness);

		await fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
		expect(await blobs[0].text()).toBe('layer,note\n1,plain\n2,"has, comma"\n');

		await fireEvent.click(screen.getByRole('button', { name: 'SVG' }));
		const svg = await blobs[1].text();
		expect(blobs[1].type).toBe('image/svg+xml');
		expect(svg).toContain('<title');
		expect(svg).toContain('Norms');
		expect(svg.match(/<rect/g)?.length).toBeGreaterThanOrEqual(2);
		expect(click).toHaveBeenCalledTimes(2);
	});
});

describe('Notice', () => {
	it('uses role=alert for errors and role=status otherwise', () => {
		const a = render(Notice, { kind: 'error', title: 'The model could not run' });
		expect(a.getByRole('alert')).toHaveTextContent('The model could not run');
		a.unmount();
		const b = render(Notice, { kind: 'warning', title: 'depth=999 was clamped to 50' });
		expect(b.getByRole('status')).toHaveTextContent('clamped');
	});
});

describe('Ridgeline', () => {
	it('draws one filled row per series with labels', () => {
		const { container } = render(Ridgeline);
		expect(container.querySelectorAll('.ridge path')).toHaveLength(3);
		expect(Array.from(container.querySelectorAll('.ridge text'), (t) => t.textContent)).toEqual(['layer 1', 'layer 2', 'layer 3']);
		const fills = Array.from(container.querySelectorAll('.ridge path'), (p) => p.getAttribute('fill'));
		expect(new Set(fills).size).toBe(3);
	});
});
