/**
 * The contour layer's path data: in tenths of a pixel, the same path d3-geo's path wrote for the
 * same contours (the way ContourLayer drew them before), on a surface with holes and rings cut by
 * the grid's edge.
 */
import { contours, geoPath, geoTransform } from 'd3';
import { describe, expect, it } from 'vitest';
import { contourLevels, contourPath } from './contours';

/** Path data in tenths as pixels, written as d3 writes numbers (n / 10, as Math.round(v * 10) / 10). */
const scaled = (d: string) => d.replace(/-?\d+/g, (n) => String(Number(n) / 10));

/** Two basins on a 30 × 30 grid: some levels have two rings, one has a ring around the other's hole. */
function twoBasins(size: number): number[] {
	const values: number[] = [];
	for (let j = 0; j < size; j++) {
		for (let i = 0; i < size; i++) {
			const [x, y] = [(4 * i) / (size - 1) - 2, (4 * j) / (size - 1) - 2];
			values.push(Math.min((x - 1) ** 2 + 3 * y ** 2, 0.5 + (x + 1.2) ** 2 + (y - 0.8) ** 2) + 0.2 * Math.sin(3 * x));
		}
	}
	return values;
}

describe('contourPath', () => {
	it('writes, in tenths of a pixel, what geoPath(geoTransform).digits(1) wrote, for every level', () => {
		const size = 30;
		const grid = twoBasins(size);
		const toX = (gx: number) => 37.25 + 13.7 * (gx - 0.5);
		const toY = (gy: number) => 410 - 11.3 * (gy - 0.5);
		const levels = contourLevels(grid, Math.min(...grid));
		const polygons = contours().size([size, size]).thresholds(levels)(grid);
		const path = geoPath(
			geoTransform({
				point(px, py) {
					this.stream.point(toX(px), toY(py));
				}
			})
		).digits(1);
		expect(polygons.some((p) => p.coordinates.length > 1 || p.coordinates.some((rings) => rings.length > 1)), 'a level with two rings or a hole').toBe(true);
		for (const polygon of polygons) {
			const d = contourPath(polygon.coordinates, toX, toY);
			expect(d, 'whole numbers only').not.toMatch(/\./);
			expect(scaled(d)).toBe(path(polygon) ?? '');
		}
	});

	it('writes nothing for a level with no rings', () => {
		expect(contourPath([], (x) => x, (y) => y)).toBe('');
	});
});
