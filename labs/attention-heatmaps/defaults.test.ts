/** The lab's defaults make each figure's point at first sight (issue: "defaults that hide the point"). */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { schema } from './lab';
import { kvCacheBytes } from './costs';
import { kvGroupOf, kvVariants } from './kvVariants';

describe('figure 6 (MHA, GQA, MQA) at its defaults', () => {
	const s = defaults(schema);
	const variants = kvVariants(s.heads, s.kvHeads);

	it('GQA sits strictly between MHA and MQA and divides the query heads evenly', () => {
		expect(s.kvHeads).toBeGreaterThan(1);
		expect(s.kvHeads).toBeLessThan(s.heads);
		expect(s.heads % s.kvHeads).toBe(0);
		expect(variants.map((v) => v.kvHeads)).toEqual([s.heads, s.kvHeads, 1]);
	});

	it('gives the three variants three different cache sizes, colours and dash patterns', () => {
		const sizes = variants.map((v) => kvCacheBytes({ layers: s.layers, kvHeads: v.kvHeads, headDim: s.headDim, seq: 1024, batch: 1, bytes: 2 }));
		expect(new Set(sizes).size).toBe(3);
		expect(new Set(variants.map((v) => v.color)).size).toBe(3);
		expect(new Set(variants.map((v) => v.dash ?? 'solid')).size).toBe(3);
	});

	it('groups query heads into equal runs that share one K/V head', () => {
		// 12 query heads over 4 K/V heads: three in a row share each.
		expect(Array.from({ length: 12 }, (_, h) => kvGroupOf(h, 12, 4))).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
		expect(Array.from({ length: 4 }, (_, h) => kvGroupOf(h, 4, 1))).toEqual([0, 0, 0, 0]);
	});
});

describe('figure 4 at its defaults', () => {
	it('runs the shuffled copy, so its panel is drawn at first paint', () => {
		expect(defaults(schema).shuffle).toBe(true);
	});
});
