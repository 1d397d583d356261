/**
 * Numbers the backprop article types that no other test computes: the float32 constants it
 * quotes and the gradient check's sweep. (s* ≈ 44.4 and the loss of about 15 000 are checked in
 * lse.test.ts; the tolerances the tests hold are the tests' own.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { H_SWEEP } from './gradcheck';

const article = readFileSync(new URL('./index.svx', import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('the backprop article’s typed numbers', () => {
	it('88.72 is ln of float32’s largest value; 127.5 ln 2 ≈ 88.38', () => {
		const floatMax = (2 - 2 ** -23) * 2 ** 127;
		expect(Math.log(floatMax).toFixed(2)).toBe('88.72');
		expect((127.5 * Math.LN2).toFixed(2)).toBe('88.38');
		expect(article).toContain('reaches 88.72');
		expect(article).toContain('$127.5 \\ln 2 \\approx 88.38$');
	});

	it('the best step for float32, (3u)^(1/3) with u = 2^−24, is about 5.6 × 10^−3', () => {
		expect((3 * 2 ** -24) ** (1 / 3)).toBeCloseTo(5.6e-3, 4);
		expect(article).toContain('about $5.6 \\times 10^{-3}$ for float32');
	});

	it('the gradient check sweeps h over 33 steps from 10^−8 to 1', () => {
		expect(H_SWEEP).toHaveLength(33);
		expect(H_SWEEP[0]).toBeCloseTo(1e-8, 20);
		expect(H_SWEEP.at(-1)).toBeCloseTo(1, 12);
		expect(article).toContain('for 33 steps from $10^{-8}$ to 1');
	});

	it('the naive break is tested on four sets of logits (lse.test.ts)', () => {
		const lseTest = readFileSync(new URL('./lse.test.ts', import.meta.url), 'utf8');
		const cases = lseTest.slice(lseTest.indexOf('it.each(['), lseTest.indexOf("])('logits %j"));
		expect(cases.match(/\[\[?-?[\d.]+, -?[\d.]+, -?[\d.]+\], \d\]/g)).toHaveLength(4);
		expect(article).toContain("on four sets of logits the naive graph's break");
	});
});
