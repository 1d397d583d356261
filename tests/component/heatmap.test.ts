import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/svelte';
import HeatmapHarness from './harness/HeatmapHarness.svelte';

describe('Heatmap', () => {
	// jsdom has no 2D canvas: by default painting stops there (one test fakes a context).
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
		expect(container.querySelector('image')).toBeNull();
	});

	it('draws a large grid as one image covering the same area', () => {
		const { container } = render(HeatmapHarness, { rows: 40, cols: 50 });
		expect(container.querySelectorAll('rect')).toHaveLength(0);
		const image = container.querySelector('image.heatmap') as Element;
		expect(image).toHaveAttribute('width', '500');
		expect(image).toHaveAttribute('height', '400');
	});

	it('paints one canvas pixel per cell for the image', () => {
		const painted: string[] = [];
		const fake = { set fillStyle(v: string) { painted.push(v); }, fillRect() {} };
		const spy = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(fake as never);
		vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,AAAA');
		const { container } = render(HeatmapHarness, { rows: 2, cols: 3, render: 'canvas' });
		expect(painted).toEqual(['rgb(0,0,0)', 'rgb(0,1,0)', 'rgb(0,2,0)', 'rgb(1,0,0)', 'rgb(1,1,0)', 'rgb(1,2,0)']);
		expect(container.querySelector('image.heatmap')).toHaveAttribute('href', 'data:image/png;base64,AAAA');
		spy.mockReturnValue(null);
	});

	it('paints a canvas from RGBA bytes in one call when given them', () => {
		const puts: { data: Uint8ClampedArray; width: number; height: number; x: number; y: number }[] = [];
		const fake = {
			set fillStyle(_: string) {
				throw new Error('no colour strings when the bytes are given');
			},
			putImageData(image: { data: Uint8ClampedArray; width: number; height: number }, x: number, y: number) {
				puts.push({ ...image, x, y });
			}
		};
		// jsdom has no ImageData: a stand-in that keeps what it was given.
		vi.stubGlobal('ImageData', class { constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {} });
		const spy = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(fake as never);
		vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,BBBB');
		const rgba = Uint8ClampedArray.from({ length: 2 * 3 * 4 }, (_, i) => i);
		const { container } = render(HeatmapHarness, { rows: 2, cols: 3, render: 'canvas', rgba });
		expect(puts).toHaveLength(1);
		expect(puts[0]).toMatchObject({ width: 3, height: 2, x: 0, y: 0 });
		expect(Array.from(puts[0].data)).toEqual(Array.from(rgba));
		expect(container.querySelector('image.heatmap')).toHaveAttribute('href', 'data:image/png;base64,BBBB');
		spy.mockReturnValue(null);
		vi.unstubAllGlobals();
	});

	it('lets the figure force either drawing', () => {
		expect(render(HeatmapHarness, { rows: 2, cols: 2, render: 'canvas' }).container.querySelector('image')).not.toBeNull();
		expect(render(HeatmapHarness, { rows: 30, cols: 40, render: 'svg' }).container.querySelectorAll('rect')).toHaveLength(1200);
	});
});
