/** The data generator's faults (glyphs.ts): seeded, and each fault only where the spec puts it. */
import { describe, expect, it } from 'vitest';
import { DRIFT, DUP_SHARE, N_VAL, NO_FAULTS, PIXELS, TIME_SPLIT, WATERMARK_LEVELS, WATERMARK_PIXEL, deploySet, glyphs, splitSets } from './glyphs';

const N = 200;
const SEED = 5;
const corner = (images: Float32Array, i: number) => images[i * PIXELS + WATERMARK_PIXEL];
/** Element-wise equality of two typed arrays (toEqual walks them far more slowly). */
const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);
const stamped = (images: Float32Array, labels: Int32Array) => Array.from(labels, (c, i) => corner(images, i) === Math.fround(WATERMARK_LEVELS[c]));

describe('splitSets with faults', () => {
	it('is deterministic for a seed, and with no faults is the plain data', () => {
		const a = splitSets(N, SEED, { leak: 'dup', split: 'time', shift: 0.7 });
		const b = splitSets(N, SEED, { leak: 'dup', split: 'time', shift: 0.7 });
		expect(same(a.train.images, b.train.images)).toBe(true);
		expect(same(a.val.images, b.val.images)).toBe(true);
		expect(same(a.val.labels, b.val.labels)).toBe(true);
		const plain = splitSets(N, SEED, NO_FAULTS);
		expect(same(plain.train.images, glyphs(N, (7919 * SEED + 1) | 0).images)).toBe(true);
		expect(same(plain.val.images, glyphs(N_VAL, (7919 * SEED + 2) | 0).images)).toBe(true);
	});

	it('leak=train stamps every training image and no validation image; both stamps both', () => {
		const train = splitSets(N, SEED, { ...NO_FAULTS, leak: 'train' });
		expect(stamped(train.train.images, train.train.labels).every(Boolean)).toBe(true);
		// A natural corner pixel is ink plus Gaussian noise: it never lands exactly on a level.
		expect(stamped(train.val.images, train.val.labels).some(Boolean)).toBe(false);
		const both = splitSets(N, SEED, { ...NO_FAULTS, leak: 'both' });
		expect(stamped(both.val.images, both.val.labels).every(Boolean)).toBe(true);
		// Only the corner pixel changes.
		const plain = splitSets(N, SEED);
		let changed = 0;
		for (let i = 0; i < N * PIXELS; i++) if (i % PIXELS !== WATERMARK_PIXEL && train.train.images[i] !== plain.train.images[i]) changed++;
		expect(changed).toBe(0);
	});

	it('dup makes DUP_SHARE of validation near-copies of training images, labels included', () => {
		const { train, val, copyOf } = splitSets(N, SEED, { ...NO_FAULTS, leak: 'dup' });
		const copies = Array.from(copyOf).filter((t) => t >= 0).length;
		expect(copies).toBe(DUP_SHARE * N_VAL);
		const plain = splitSets(N, SEED);
		copyOf.forEach((t, v) => {
			if (t < 0) {
				expect(same(val.images.subarray(v * PIXELS, (v + 1) * PIXELS), plain.val.images.subarray(v * PIXELS, (v + 1) * PIXELS))).toBe(true);
				return;
			}
			expect(val.labels[v]).toBe(train.labels[t]);
			let d2 = 0;
			for (let p = 0; p < PIXELS; p++) d2 += (val.images[v * PIXELS + p] - train.images[t * PIXELS + p]) ** 2;
			expect(Math.sqrt(d2)).toBeLessThan(1);
		});
	});

	it('split=time gives validation the last quarter of time; shift drifts the images with it', () => {
		const { trainTime, valTime } = splitSets(N, SEED, { ...NO_FAULTS, split: 'time' });
		expect(Math.max(...trainTime)).toBeLessThan(TIME_SPLIT);
		expect(Math.min(...valTime)).toBeGreaterThanOrEqual(TIME_SPLIT);
		const random = splitSets(N, SEED);
		expect(Math.min(...random.valTime)).toBeLessThan(0.1);
		// Drift brightens the background: the mean pixel rises by about DRIFT.background · shift · t.
		const mean = (x: Float32Array) => x.reduce((a, b) => a + b, 0) / x.length;
		const drifted = splitSets(N, SEED, { ...NO_FAULTS, split: 'time', shift: 1 });
		const plain = splitSets(N, SEED, { ...NO_FAULTS, split: 'time' });
		const meanTime = mean(drifted.valTime);
		expect(mean(drifted.val.images) - mean(plain.val.images)).toBeGreaterThan(0.8 * DRIFT.background * meanTime);
		expect(same(drifted.val.labels, plain.val.labels)).toBe(true);
	});

	it('the deploy set is its own stream and never faulted', () => {
		const d = deploySet(SEED);
		expect(d.count).toBe(1000);
		expect(stamped(d.images, d.labels).some(Boolean)).toBe(false);
		expect(same(d.images, glyphs(1000, (7919 * SEED + 3) | 0).images)).toBe(true);
	});
});
