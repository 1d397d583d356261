/** The quantization lab's grid levels (figure 1): one tick per representable value inside the axis, faded when dense. */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import GridLevelsHarness from './harness/GridLevelsHarness.svelte';
import { gridFor, levels } from '$labs/quantization/quantizer';

const lines = (container: HTMLElement) => Array.from(container.querySelectorAll<SVGLineElement>('.levels line'));
const x = (l: SVGLineElement) => Number(l.getAttribute('x1'));

describe('GridLevels', () => {
	it('a 3-bit symmetric grid over [−1, 1]: seven evenly spaced ticks, 0 in the middle, drawn opaque', () => {
		const { container } = render(GridLevelsHarness, { levels: levels(gridFor(-1, 1, 3, 'sym')) });
		const ticks = lines(container);
		expect(ticks).toHaveLength(7);
		const xs = ticks.map(x);
		const step = xs[1] - xs[0];
		xs.forEach((v, i) => expect(v).toBeCloseTo(xs[0] + i * step, 6));
		expect(xs[3]).toBeCloseTo((xs[0] + xs[6]) / 2, 6);
		expect(ticks[0].getAttribute('stroke-opacity')).toBe('0.8');
	});

	it('skips levels outside the axis, and fades a dense grid (8 bits)', () => {
		// A grid over [−2, 2]: only the levels within [−1, 1] are drawn.
		const wide = levels(gridFor(-2, 2, 4, 'sym'));
		const { container } = render(GridLevelsHarness, { levels: wide });
		expect(lines(container)).toHaveLength(wide.filter((v) => Math.abs(v) <= 1 + 1e-9).length);
		const dense = render(GridLevelsHarness, { levels: levels(gridFor(-1, 1, 8, 'sym')) });
		const ticks = lines(dense.container);
		expect(ticks).toHaveLength(255);
		expect(ticks[0].getAttribute('stroke-opacity')).toBe('0.35');
	});

	it('spans the band between y0 and y1 when given, with its label above it', () => {
		const { container } = render(GridLevelsHarness, { levels: [0], y0: 2, y1: 6, label: 'channel 3' });
		const [tick] = lines(container);
		const top = Number(tick.getAttribute('y1'));
		const bottom = Number(tick.getAttribute('y2'));
		expect(bottom).toBeGreaterThan(top);
		const full = render(GridLevelsHarness, { levels: [0] });
		const [whole] = lines(full.container);
		// The band is 4 of the axis's 10 units.
		expect((bottom - top) / (Number(whole.getAttribute('y2')) - Number(whole.getAttribute('y1')))).toBeCloseTo(0.4, 6);
		expect(container.querySelector('.levels text')).toHaveTextContent('channel 3');
	});
});
