/**
 * The server's PNG encoder for pixel figures (Heatmap's image on a prerendered page): the data
 * URL decodes back to the exact pixels, and a Heatmap rendered on the server carries it.
 */
import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { render } from 'svelte/server';
import { pngDataUrl, rgbaFromFill } from '$lib/viz/pngDataUrl';
import HeatmapHarness from '../component/harness/HeatmapHarness.svelte';

function decoded(url: string) {
	const [head, body] = url.split(',');
	expect(head).toBe('data:image/png;base64');
	return decode(Buffer.from(body, 'base64'));
}

describe('pngDataUrl', () => {
	it('stores opaque pixels as RGB, row by row', () => {
		// 2 × 3: red, green, blue / white, black, grey.
		const rgba = Uint8ClampedArray.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255]);
		const png = decoded(pngDataUrl(rgba, 3, 2));
		expect([png.width, png.height, png.channels]).toEqual([3, 2, 3]);
		expect(Array.from(png.data)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128]);
	});

	it('keeps alpha when a pixel is not opaque', () => {
		const rgba = Uint8ClampedArray.from([10, 20, 30, 255, 0, 0, 0, 0]);
		const png = decoded(pngDataUrl(rgba, 2, 1));
		expect(png.channels).toBe(4);
		expect(Array.from(png.data)).toEqual([10, 20, 30, 255, 0, 0, 0, 0]);
	});

	it('refuses bytes that do not match the size', () => {
		expect(() => pngDataUrl(new Uint8ClampedArray(12), 2, 2)).toThrow(/12 bytes for 2×2/);
	});
});

describe('rgbaFromFill', () => {
	it('parses each cell’s CSS colour; one it cannot paint is transparent', () => {
		const fill = (r: number, c: number) => [['#ff8000', 'rgb(1, 2, 3)'], ['steelblue', 'url(#hatch)']][r][c];
		expect(Array.from(rgbaFromFill(2, 2, fill))).toEqual([255, 128, 0, 255, 1, 2, 3, 255, 70, 130, 180, 255, 0, 0, 0, 0]);
	});
});

describe('Heatmap on the server', () => {
	it('prerenders a large grid as an image carrying its pixels', () => {
		// The harness colours cell (r, c) rgb(r, c, 0).
		const { body } = render(HeatmapHarness, { props: { rows: 40, cols: 50 } });
		const href = /<image[^>]*\shref="([^"]+)"/.exec(body)?.[1];
		expect(href).toBeDefined();
		const png = decoded(href!);
		expect([png.width, png.height, png.channels]).toEqual([50, 40, 3]);
		const at = (r: number, c: number) => Array.from(png.data.slice(3 * (r * 50 + c), 3 * (r * 50 + c) + 3));
		expect(at(0, 0)).toEqual([0, 0, 0]);
		expect(at(39, 49)).toEqual([39, 49, 0]);
		expect(at(7, 12)).toEqual([7, 12, 0]);
	});

	it('prerenders the given RGBA bytes as they are', () => {
		const rgba = Uint8ClampedArray.from({ length: 2 * 2 * 4 }, (_, i) => (i % 4 === 3 ? 255 : 10 * i));
		const { body } = render(HeatmapHarness, { props: { rows: 2, cols: 2, render: 'canvas', rgba } });
		const png = decoded(/<image[^>]*\shref="([^"]+)"/.exec(body)![1]);
		expect(Array.from(png.data)).toEqual([0, 10, 20, 40, 50, 60, 80, 90, 100, 120, 130, 140]);
	});
});
