/** Numbers the normalization article types, computed (its figures' numbers are live). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const article = readFileSync(new URL('./index.svx', import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('the normalization article’s typed numbers', () => {
	it('a batch of 2: the batch mean is off by 1/√2 ≈ 70 % of one sample’s spread', () => {
		expect(Math.round(100 / Math.sqrt(2) / 10) * 10).toBe(70);
		expect(article).toContain('So a batch of 2 gives each channel a mean that is off by about 70 % of the spread');
	});
});
