import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import ChartHarness from './harness/ChartHarness.svelte';
import { scaleTicks, pow10Label } from '$lib/viz/ticks';
import { makeContinuousScale } from '$lib/viz/scales';

/** Number of points in an SVG path made of M/L commands. */
const points = (d: string) => (d.match(/[ML]/g) ?? []).length;

describe('Chart + layers', () => {
	const data = Array.from({ length: 11 }, (_, i) => ({ x: i, y: i / 2 }));

	it('renders an accessible svg with a default width when there is no layout', () => {
		const { container } = render(ChartHarness, { data });
		const svg = container.querySelector('svg.chart-svg') as SVGSVGElement;
		expect(svg).toHaveAttribute('role', 'img');
		expect(svg.getAttribute('width')).toBe('640');
		const labelledBy = svg.getAttribute('aria-labelledby') as string;
		expect(container.querySelector(`[id="${labelledBy}"]`)?.textContent).toBe('Test chart');
		expect(svg.querySelector('desc')?.textContent).toBe('A line for the tests');
		// Everything is drawn inside the margin-translated group.
		expect(svg.querySelector(':scope > g')?.getAttribute('transform')).toMatch(/^translate\(\d+,\d+\)$/);
	});

	it('draws at the width its layout gives before it can measure, unless it names its own', () => {
		const widthOf = (props: { layoutWidth?: number; firstPaintWidth?: number }) =>
			render(ChartHarness, { data, ...props }).container.querySelector('svg.chart-svg')!.getAttribute('viewBox');
		expect(widthOf({ layoutWidth: 390 })).toMatch(/^0 0 390 \d+$/);
		expect(widthOf({ layoutWidth: 390, firstPaintWidth: 255 })).toMatch(/^0 0 255 \d+$/);
	});

	it('draws one path point per datum and the requested ticks', () => {
		const { container } = render(ChartHarness, { data, xTicks: 10 });
		const path = container.querySelector('path.line') as SVGPathElement;
		expect(points(path.getAttribute('d') ?? '')).toBe(11);
		const xTicks = container.querySelectorAll('.axis-x .tick');
		expect(xTicks).toHaveLength(11);
		expect(Array.from(xTicks, (t) => t.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
		expect(container.querySelector('.axis-x .axis-label')).toHaveTextContent('layer');
		expect(container.querySelectorAll('.axis-y .grid').length).toBeGreaterThan(2);
		expect(container.querySelector('.ruler text')).toHaveTextContent('five');
	});

	it('puts a second x axis above the plot, on the same scale, with room made for it', () => {
		const margins = (top: boolean) => {
			const { container } = render(ChartHarness, { data, xTicks: 5, top });
			const [, y] = (container.querySelector('svg.chart-svg > g')?.getAttribute('transform') ?? '').match(/translate\(\d+,(\d+)\)/) ?? [];
			return { container, top: Number(y) };
		};
		const plain = margins(false);
		expect(plain.container.querySelector('.axis-top')).toBeNull();
		const { container, top } = margins(true);
		expect(top).toBeGreaterThan(plain.top + 20);
		const bottom = Array.from(container.querySelectorAll('.axis-x .tick'), (t) => t.getAttribute('transform'));
		const above = container.querySelectorAll('.axis-top .tick');
		// Same positions as the bottom axis's ticks, its own labels, drawn upwards from the plot's top edge.
		expect(Array.from(above, (t) => t.getAttribute('transform'))).toEqual(bottom);
		expect(Array.from(above, (t) => t.textContent)).toEqual(['0', '4', '16', '36', '64', '100']);
		expect(container.querySelector('.axis-top')?.getAttribute('transform')).toBeNull();
		expect(Number(container.querySelector('.axis-top .tick text')?.getAttribute('y'))).toBeLessThan(0);
		expect(container.querySelector('.axis-top .axis-label')).toHaveTextContent('squares');
	});

	it('breaks the line at non-finite values', () => {
		const gappy = data.map((p) => (p.x === 5 ? { x: 5, y: NaN } : p));
		const { container } = render(ChartHarness, { data: gappy });
		const d = container.querySelector('path.line')?.getAttribute('d') ?? '';
		expect((d.match(/M/g) ?? []).length).toBe(2);
		expect(points(d)).toBe(10);
	});

	it('labels a log axis in powers of ten', () => {
		const logData = Array.from({ length: 7 }, (_, i) => ({ x: i, y: 10 ** -i }));
		const { container } = render(ChartHarness, { data: logData, yType: 'log', y: [1e-6, 1] });
		const labels = Array.from(container.querySelectorAll('.axis-y .tick text'), (t) => t.textContent);
		expect(labels).toContain('10⁻⁶');
		expect(labels).toContain('1');
		expect(points(container.querySelector('path.line')?.getAttribute('d') ?? '')).toBe(7);
	});
});

describe('ticks', () => {
	it('formats powers of ten with superscripts', () => {
		expect(pow10Label(-6)).toBe('10⁻⁶');
		expect(pow10Label(0)).toBe('1');
		expect(pow10Label(12)).toBe('10¹²');
	});
	it('thins log ticks over many decades but keeps whole decades', () => {
		const s = makeContinuousScale('log', [1e-12, 1], [0, 100]);
		const t = scaleTicks(s, 4);
		expect(t.length).toBeLessThanOrEqual(5);
		for (const { value } of t) expect(Number.isInteger(Math.log10(value as number))).toBe(true);
	});
});

describe('a narrow log axis', () => {
	it('draws at least three labelled ticks for [0.8, 3]', () => {
		const flat = Array.from({ length: 5 }, (_, i) => ({ x: i, y: 1 + i * 0.4 }));
		const { container } = render(ChartHarness, { data: flat, yType: 'log', y: [0.8, 3] });
		const labels = Array.from(container.querySelectorAll('.axis-y .tick text'), (t) => t.textContent);
		expect(labels).toEqual(['0.8', '0.9', '1', '2', '3']);
	});
});
