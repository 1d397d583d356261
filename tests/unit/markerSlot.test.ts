/** Which of a figure's charts draw a marker question's marker: those whose x axis is the one asked about. */
import { describe, expect, it } from 'vitest';
import { axisFits, type AxisMarker } from '$lib/viz/markerSlot';

const marker = (scale: 'linear' | 'log', min: number, max: number): AxisMarker => ({ scale, min, max, value: null, locked: false, set: () => {} });

describe('axisFits', () => {
	it('takes a chart whose axis spans the answer range on the same kind of scale', () => {
		expect(axisFits(marker('linear', 0, 250), 'linear', [0, 250])).toBe(true);
		// Diffusion's βₜ chart starts at t = 1: 1 step of 250 is within the 2% allowed.
		expect(axisFits(marker('linear', 0, 250), 'linear', [1, 250])).toBe(true);
		expect(axisFits(marker('log', 1, 400), 'log', [1, 400])).toBe(true);
	});

	it('leaves out a chart of another quantity, scale or range', () => {
		// Double descent: the fit over the input x beside the curve over model size p.
		expect(axisFits(marker('log', 1, 400), 'linear', [-1, 1])).toBe(false);
		expect(axisFits(marker('linear', 0, 250), 'log', [1, 250])).toBe(false);
		// The page still at T = 1000 while the question asks about T = 250.
		expect(axisFits(marker('linear', 0, 250), 'linear', [0, 1000])).toBe(false);
	});
});
