/**
 * Figures 1 and 5 name in their legends only the parts of memory some bar draws (segments.ts,
 * drawnSegments), on the lab's own numbers.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { schema, type MemoryAndParallelismState } from './lab';
import { planState } from './planner';
import { drawnSegments } from './segments';
import { summarize } from './summary';

const base = defaults(schema) as MemoryAndParallelismState;
const labels = (s: MemoryAndParallelismState) => drawnSegments(summarize(s).precisionBars).map((seg) => seg.label);

describe('figure 1’s legend', () => {
	it('has no recompute working set while no layer is recomputed, and names it once layers are', () => {
		expect(base.recompute).toBe('none');
		expect(labels(base)).toEqual(['parameters', 'gradients', 'Adam m and v', 'fp32 master weights', 'activations kept']);
		for (const recompute of ['full', 'every-k'] as const) expect(labels({ ...base, recompute })).toContain('recompute working set');
	});

	it('keeps the fp32 master copy while the mixed-precision bar holds one, though fp32’s bar has none', () => {
		const [fp32, mixed] = summarize(base).precisionBars;
		expect(fp32.master).toBe(0);
		expect(mixed.master).toBeGreaterThan(0);
		expect(drawnSegments([fp32]).map((seg) => seg.key)).not.toContain('master');
	});
});

describe('figure 5’s legend', () => {
	it('follows the stages it draws: the working set appears with recomputation', () => {
		const stages = (s: MemoryAndParallelismState) => drawnSegments(planState(s).stages).map((seg) => seg.key);
		expect(stages(base)).not.toContain('workingSet');
		expect(stages({ ...base, recompute: 'full' })).toContain('workingSet');
	});
});
