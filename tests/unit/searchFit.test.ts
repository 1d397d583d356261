/**
 * The presentation's fit search (fitSlide.ts) on slides whose height is a known function of the
 * share of the width their figures get: charts that shrink with the width, text that wraps more
 * when narrowed, and both at once.
 */
import { describe, expect, it } from 'vitest';
import { searchFit, walkDown } from '../../src/routes/present/[slug]/fitSlide';

/** A slide of height `height(share)` in `room` px: records each share the search sets. */
function slide(height: (share: number) => number, room: number) {
	const shares: number[] = [];
	const measure = async (share: number) => {
		shares.push(share);
		return height(share) - room;
	};
	return { shares, measure };
}

describe('searchFit', () => {
	it('keeps full width when the slide fits there, measuring once', async () => {
		const { shares, measure } = slide(() => 700, 843);
		await expect(searchFit(measure)).resolves.toBe(1);
		expect(shares).toEqual([1]);
	});

	it('finds the widest share that fits when the charts set the height', async () => {
		// Height 300 + 900·share: fits in 843 px up to share 0.6033.
		const { measure } = slide((s) => 300 + 900 * s, 843);
		const share = await searchFit(measure);
		expect(300 + 900 * share).toBeLessThanOrEqual(843);
		expect(share).toBeGreaterThan(0.6033 - 0.7 / 2 ** 7);
	});

	it('stops at once when narrowing makes the slide taller: its text sets the height', async () => {
		// The backprop lab's fifth scene on a 1920×1080 screen: 862 px at full width, 1246 px at 0.65.
		const { shares, measure } = slide((s) => (s === 1 ? 862 : 862 + (1 - s) * 1100), 843);
		await expect(searchFit(measure)).resolves.toBe(1);
		expect(shares).toEqual([1, 0.65]);
	});

	it('settles on the share that overflows least when none fits', async () => {
		// The attention lab's first scene: 862 px at full width, 846 at 0.65, 917 at 0.475.
		const heights = new Map([
			[1, 862],
			[0.65, 846],
			[0.475, 917]
		]);
		const { shares, measure } = slide((s) => heights.get(s) ?? 1000, 843);
		await expect(searchFit(measure)).resolves.toBe(0.65);
		expect(shares).toEqual([1, 0.65, 0.475]);
	});

	it('walks down from a bisection answer that overflows when measured again', async () => {
		// Charts of height 500 + 600·share, whose numbers land late: looked at a second time, a
		// share above 0.52 is 60 px taller than it first seemed.
		const looks = new Map<number, number>();
		const { shares, measure } = slide((s) => {
			looks.set(s, (looks.get(s) ?? 0) + 1);
			return 500 + 600 * s + (looks.get(s)! > 1 && s > 0.52 ? 60 : 0);
		}, 843);
		const share = await searchFit(measure);
		expect(shares.at(-1), 'the slide is left at the answer').toBe(share);
		// The bisection's answer (0.568, 841 px at first look) was measured twice more, overflowed
		// both times, and the walk went down 0.04 to a share that fits as measured.
		expect(shares.filter((s) => s === shares.at(-2)).length, 'the answer before it was looked at three times').toBe(3);
		expect(500 + 600 * share).toBeLessThanOrEqual(843);
		expect(share).toBeGreaterThan(0.5);
	});

	it('keeps the bisection answer when it overflows once on a second look and fits on a third', async () => {
		// Charts of height 300 + 900·share; the second look at the answer catches a chart mid-redraw, 30 px taller.
		const looks = new Map<number, number>();
		const { shares, measure } = slide((s) => {
			looks.set(s, (looks.get(s) ?? 0) + 1);
			return 300 + 900 * s + (looks.get(s) === 2 ? 30 : 0);
		}, 843);
		const share = await searchFit(measure);
		expect(shares.filter((s) => s === share).length, 'looked at three times').toBe(3);
		expect(300 + 900 * share).toBeLessThanOrEqual(843);
		expect(share, 'not a step narrower than the widest fit').toBeGreaterThan(0.6033 - 0.7 / 2 ** 7);
	});

	it('keeps refining a fit when a share as tall as full width comes after one that fitted', async () => {
		// The memory lab's sixth scene: 808 px at full width and at 0.956, 742 at 0.825, 804 at 0.912.
		const heights = new Map([
			[1, 808],
			[0.65, 770],
			[0.825, 742],
			[0.9125, 804],
			[0.95625, 808]
		]);
		const { measure } = slide((s) => heights.get(s) ?? (s > 0.95 ? 808 : 804), 805);
		const share = await searchFit(measure);
		expect(share, 'refined past 0.9125: up to 0.95 the slide still fits').toBeGreaterThan(0.9125);
		expect(share).toBeLessThan(0.95625);
	});

	it('keeps the current share when it still fits and one step wider does not, measuring only those two', async () => {
		const { shares, measure } = slide((s) => 300 + 900 * s, 843);
		await expect(searchFit(measure, 0.6)).resolves.toBe(0.6);
		expect(shares).toEqual([0.6, 0.64]);
	});

	it('searches again when the current share no longer fits', async () => {
		const { shares, measure } = slide((s) => 300 + 900 * s, 843);
		const share = await searchFit(measure, 0.7);
		expect(shares[0]).toBe(0.7);
		expect(shares).toContain(1);
		expect(300 + 900 * share).toBeLessThanOrEqual(843);
		expect(share).toBeGreaterThan(0.59);
	});
});

describe('walkDown', () => {
	it('steps narrower until the slide fits', async () => {
		// Height 300 + 900·share in 843 px: fits from 0.6033 down. From 0.7 (87 px over): 0.66, 0.62, 0.58.
		const { shares, measure } = slide((s) => 300 + 900 * s, 843);
		const share = await walkDown(measure, 0.7, 300 + 900 * 0.7 - 843);
		expect(300 + 900 * share).toBeLessThanOrEqual(843);
		expect(shares.length).toBe(3);
		expect(share).toBeCloseTo(0.58, 10);
	});

	it('stops after one step when narrowing makes the slide no shorter: its text sets the height', async () => {
		const { shares, measure } = slide((s) => 862 + (1 - s) * 200, 843);
		await expect(walkDown(measure, 1, 19)).resolves.toBe(1);
		expect(shares).toEqual([0.96]);
	});

	it('never goes below the narrowest share', async () => {
		const { measure } = slide((s) => 900 + 10 * s, 843);
		const share = await walkDown(measure, 0.4, 61);
		expect(share).toBeCloseTo(0.3, 10);
	});
});
