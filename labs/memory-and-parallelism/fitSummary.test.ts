/** Figure 5's words: what the sentence and the table say agree with the plan they read. */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { schema, type MemoryAndParallelismState } from './lab';
import { fitSummary, rankingTable } from './fitSummary';
import { planState, rankLayouts } from './planner';

const base = defaults(schema) as MemoryAndParallelismState;

describe('figure 5’s summary and table', () => {
	it('says “does not fit” exactly when the fullest GPU is over the memory', () => {
		// The defaults keep a 6.6B model's 105 GB of states and 104 GB of activations on each of 8 GPUs.
		const over = planState(base);
		expect(over.peakBytes).toBeGreaterThan(80e9);
		expect(fitSummary(over, 80e9)).toMatch(/does not fit in 80\.0 GB/);
		const under = planState({ ...base, gpus: 16, t: 2, p: 4, recompute: 'selective', zero: 1 });
		expect(under.peakBytes).toBeLessThan(80e9);
		expect(fitSummary(under, 80e9)).toMatch(/, which fits in 80\.0 GB/);
		expect(fitSummary(under, 80e9)).toMatch(/^d 2 × t 2 × p 4 on 16 GPUs, 8 micro-batches/);
	});

	it('the table lists the ranked layouts in order, MFU in percent', () => {
		const { fitting } = rankLayouts({ ...base, gpus: 16, recompute: 'selective' });
		const table = rankingTable(fitting);
		expect(table.rows.map((r) => r[0])).toEqual(fitting.map((_, i) => i + 1));
		table.rows.forEach((r, i) => {
			expect(r.slice(1, 4)).toEqual([fitting[i].layout.d, fitting[i].layout.t, fitting[i].layout.p]);
			expect(r[6]).toBeCloseTo(100 * fitting[i].mfu, 12);
		});
	});
});
