import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import FigureHarness from './harness/FigureHarness.svelte';
import Notice from '$lib/ui/Notice.svelte';
import Ridgeline from './harness/RidgelineHarness.svelte';

describe('Figure', () => {
	afterEach(() => vi.restoreAllMocks());

	it('renders title, controls, caption, summary, and a data table once "Show data" opens', async () => {
		render(FigureHarness);
		const figure = screen.getByRole('figure', { name: 'Figure 1. Gradient norm per layer' });
		expect(figure).toHaveAccessibleDescription('Bars shrink from layer 2 to 1.');
		expect(screen.getByText('Notice the decay.').tagName).toBe('FIGCAPTION');
		expect(screen.getByText('controls here')).toBeInTheDocument();
		// Closed, the table is not built at all (thousands of cells on some figures).
		expect(screen.queryByRole('table', { hidden: true })).toBeNull();
		const details = screen.getByText('Show data').closest('details')!;
		details.open = true;
		await fireEvent(details, new Event('toggle'));
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

		// The export code loads on the first press.
		await fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
		await waitFor(() => expect(blobs).toHaveLength(1));
		expect(await blobs[0].text()).toBe('layer,note\n1,plain\n2,"has, comma"\n');

		await fireEvent.click(screen.getByRole('button', { name: 'SVG' }));
		await waitFor(() => expect(blobs).toHaveLength(2));
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

	it('thins the row labels of a crowded ridgeline so that none overlap, and keeps the last', () => {
		// 20 rows in 240 px: the plot is 240 − 12 − 48 = 180 px high, a row 180 / 20.6 ≈ 8.7 px, and
		// 13 px labels need 15 px: every other row is labelled, and layer 19 gives way to layer 20.
		const { container } = render(Ridgeline, { props: { layers: 20, height: 240 } });
		const labels = Array.from(container.querySelectorAll('.ridge text'));
		expect(labels.map((t) => t.textContent)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 20].map((l) => `layer ${l}`));
		const ys = labels.map((t) => Number(t.getAttribute('y')));
		for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(15);
	});
});
