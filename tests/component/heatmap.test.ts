import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/svelte';
import HeatmapHarness from './harness/HeatmapHarness.svelte';

describe('Heatmap', () => {
	// jsdom has no 2D canvas; the canvas's pixels are checked in the browser (screenshots).
	beforeAll(() => {
		vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
	});

	it('draws a small grid as one svg rect per cell, row by row', () => {
		const { container } = render(HeatmapHarness, { rows: 2, cols: 3 });
		const rects = Array.from(container.querySelectorAll('g.heatmap rect'));
		expect(rects).toHaveLength(6);
		// Cell (row 1, col 2) is the sixth: x = 2 cells, y = 1 cell, coloured from its row and column.
		expect(rects[5]).toHaveAttribute('x', '20');
		expect(rects[5]).toHaveAttribute('y', '10');
		expect(rects[5]).toHaveAttribute('width', '10');
		expect(rects[5]).toHaveAttribute('fill', 'rgb(1,2,0)');
		expect(container.querySelector('canvas')).toBeNull();
	});

	it('draws a large grid on one canvas pixel per cell, covering the same area', () => {
		const { container } = render(HeatmapHarness, { rows: 40, cols: 50 });
		expect(container.querySelectorAll('rect')).toHaveLength(0);
		const host = container.querySelector('foreignObject.heatmap') as Element;
		expect(host).toHaveAttribute('width', '500');
		expect(host).toHaveAttribute('height', '400');
		const canvas = host.querySelector('canvas') as HTMLCanvasElement;
		expect([canvas.width, canvas.height]).toEqual([50, 40]);
	});

	it('lets the figure force either drawing', () => {
		expect(render(HeatmapHarness, { rows: 2, cols: 2, render: 'canvas' }).container.querySelector('canvas')).not.toBeNull();
		expect(render(HeatmapHarness, { rows: 30, cols: 40, render: 'svg' }).container.querySelectorAll('rect')).toHaveLength(1200);
	});
});
