import { describe, expect, test } from 'vitest';
import { defaults } from '$lib/state/schema';
import { memoryAndParallelism, schema } from './lab';
import { simulateTimeline } from './timeline';
import { dataDegree, timelineInput, timelineLimit } from './timelineInput';
import { parameterCount } from './formulas';

const base = defaults(schema);

describe('figure 4 from the controls', () => {
	test('the pipeline scene idles for (p−1)/(m+p−1) of its free-comm step', () => {
		const scene = memoryAndParallelism.scenes.find((s) => s.id === 'pipeline')!;
		const state = { ...base, ...scene.state };
		const tl = simulateTimeline(timelineInput(state));
		const { p, m } = state as { p: number; m: number };
		expect(tl.bubbleTime / tl.freeCommTime).toBeCloseTo((p - 1) / (m + p - 1), 9);
		// Real transfers only lengthen the step, so the bubble's share of it can only shrink.
		expect(tl.bubbleShare).toBeLessThanOrEqual((p - 1) / (m + p - 1));
		expect(tl.input.d).toBe(state.gpus / (state.t * p));
	});

	test('a forward is 2Ψ + 4Lsh FLOPs per token, b·s tokens per micro-batch', () => {
		const input = timelineInput(base);
		const psi = parameterCount(base);
		expect(input.forwardFlops / ((2 * psi + 4 * base.L * base.s * base.h) * base.b * base.s)).toBeCloseTo(1, 12);
		expect(input.backwardRatio).toBe(2);
		expect(timelineInput({ ...base, recompute: 'full' }).backwardRatio).toBeCloseTo(3, 12);
		// Selective runs the two score products (4Lsh of the 12Lsh) once more, in backward.
		const attention = 12 * base.L * base.s * base.h;
		expect(timelineInput({ ...base, recompute: 'selective' }).backwardRatio).toBeCloseTo(2 + (attention / 3) / ((6 * psi + attention) / 3), 12);
	});

	test('GPUs left for data parallelism, and settings it will not draw', () => {
		expect(dataDegree({ gpus: 64, t: 8, p: 4 })).toBe(2);
		expect(dataDegree({ gpus: 4, t: 8, p: 1 })).toBe(1);
		expect(timelineLimit(base)).toBeNull();
		expect(timelineLimit({ ...base, gpus: 8, t: 4, p: 4 })).toMatch(/more than the 8 GPUs/);
		expect(timelineLimit({ ...base, gpus: 64, p: 16, m: 512 })).toMatch(/more than this chart draws/);
	});
});
