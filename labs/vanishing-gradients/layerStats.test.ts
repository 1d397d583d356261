/** The summary's fast loops give exactly what the generic helpers they replace give. */
import { describe, expect, it } from 'vitest';
import { createRng } from '$lib/random';
import { histogram } from '$lib/viz/histogram';
import { clampedHistogram, variance } from './layerStats';
import { layerVariance } from './reference';

/** Normal draws with std 3, some exact zeros (±0), NaN and ±Infinity mixed in. */
function values(seed: number, n: number, specials: boolean): Float32Array {
	const v = createRng(seed).fillNormal(new Float32Array(n), 3);
	for (let i = 0; i < n; i += 5) v[i] = i % 10 === 0 ? 0 : -0;
	if (specials) {
		v[3] = NaN;
		v[8] = Infinity;
		v[13] = -Infinity;
	}
	return v;
}

describe('layer statistics', () => {
	it('bins as histogram with clamp does, with and without the zeros', () => {
		const v = values(1, 4000, true);
		for (const domain of [[-2, 2], [0, 1.7], [-8, 8]] as [number, number][]) {
			expect(clampedHistogram(v, domain, 40).bins).toEqual(histogram(v, domain, 40, { clamp: true }));
			const { bins, zeros } = clampedHistogram(v, domain, 40, true);
			expect(bins).toEqual(histogram(v.filter((x) => x !== 0), domain, 40, { clamp: true }));
			expect(zeros).toBe(800);
		}
	});

	it("computes each layer's variance bit for bit as the reference does", () => {
		const depth = 4;
		const per = 3 * 50;
		const stacked = values(2, depth * per, false);
		const expected = layerVariance(stacked, depth, 3, 50);
		for (let l = 0; l < depth; l++) expect(variance(stacked.subarray(l * per, (l + 1) * per))).toBe(expected[l]);
	});
});
