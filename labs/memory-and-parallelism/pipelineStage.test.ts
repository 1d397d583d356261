/**
 * Figures 1–3 with pipeline stages: they draw one GPU of the first stage. The micro-batches it
 * holds come from a formula (formulas.ts, microBatchesHeld); here that formula is checked against
 * figure 4's simulated schedules, and the GPU figure 1 draws against figure 5's first stage.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { microBatchesHeld, parameterCount } from './formulas';
import { schema, type MemoryAndParallelismState } from './lab';
import { planState } from './planner';
import { totalBytes } from './segments';
import { dataParallel, gpuBytes, summarize } from './summary';
import { simulateTimeline } from './timeline';
import { timelineInput } from './timelineInput';

const base = defaults(schema) as MemoryAndParallelismState;
const SCHEDULES = ['gpipe', '1f1b', 'interleaved'] as const;

describe('micro-batches the first stage holds at once', () => {
	it('equal what the simulated schedules keep in flight on stage 1, for p 1–8, m 1–16, v 1–4', () => {
		let cases = 0;
		for (const sched of SCHEDULES)
			for (const p of [1, 2, 3, 4, 8])
				for (const m of [1, 2, 3, 4, 8, 12, 16])
					for (const v of sched === 'interleaved' ? [1, 2, 4] : [1]) {
						// The interleaved order needs m a multiple of p (timelineOrder's rule).
						if (sched === 'interleaved' && p > 1 && m % p !== 0) continue;
						const s = { ...base, gpus: 64, L: 32, p, m, sched, v };
						const tl = simulateTimeline(timelineInput(s));
						const chunks = tl.input.v;
						expect(microBatchesHeld(p, m, sched, v), `${sched} p ${p} m ${m} v ${v}`).toBeCloseTo(tl.peakInFlight[0] / chunks, 12);
						cases++;
					}
		expect(cases).toBeGreaterThan(60);
	});

	it('the spec’s counts: 1F1B keeps at most p, GPipe all m; one stage keeps one whatever the schedule', () => {
		expect(microBatchesHeld(4, 8, '1f1b', 1)).toBe(4);
		expect(microBatchesHeld(4, 2, '1f1b', 1)).toBe(2);
		expect(microBatchesHeld(4, 8, 'gpipe', 1)).toBe(8);
		for (const sched of SCHEDULES) expect(microBatchesHeld(1, 8, sched, 2)).toBe(1);
	});
});

describe('figures 1–3 draw a GPU of the first stage', () => {
	const scene = { ...base, gpus: 8, p: 4, m: 8 };

	it('figure 1’s bar for the current precision is figure 5’s first stage, for each schedule and ZeRO stage', () => {
		for (const sched of SCHEDULES)
			for (const zero of [0, 1, 2, 3]) {
				const s = { ...scene, sched, v: 2, zero, recompute: 'selective' as const };
				const stage1 = planState(s).stages[0];
				const bar = gpuBytes(s, s.prec, zero as 0 | 1 | 2 | 3);
				expect(totalBytes(bar) / totalBytes(stage1), `${sched}, ZeRO-${zero}`).toBeCloseTo(1, 12);
				expect(bar.activations / stage1.activations).toBeCloseTo(1, 12);
			}
	});

	it('data parallelism takes only the GPUs tensor and pipeline parallelism leave', () => {
		expect(dataParallel({ gpus: 8, t: 1, p: 4 })).toBe(2);
		expect(dataParallel({ gpus: 64, t: 8, p: 4 })).toBe(2);
		expect(dataParallel({ gpus: 8, t: 1, p: 1 })).toBe(8);
	});

	it('p = 1 keeps the whole model and one micro-batch, whatever the (inactive) schedule', () => {
		for (const sched of SCHEDULES) {
			const r = summarize({ ...base, sched, m: 8 });
			const s = { ...base, sched: '1f1b' as const, m: 1 };
			expect(r.precisionBars).toEqual(summarize(s).precisionBars);
			expect(r.precisionBars[1].params).toBe(2 * parameterCount(base));
		}
	});

	it('four stages hold a quarter of the layers each, and stage 1 the embeddings besides', () => {
		const one = summarize({ ...base, gpus: 2 }).precisionBars[1];
		const four = summarize({ ...base, gpus: 8, p: 4, sched: 'gpipe' }).precisionBars[1];
		const embeddings = (base.V + base.s) * base.h;
		const layers = parameterCount(base) - embeddings;
		expect(four.params).toBe(2 * (layers / 4 + embeddings));
		// GPipe at m 8: eight micro-batches of a quarter of the layers: twice one GPU's whole stack.
		expect(four.activations / one.activations).toBeCloseTo(2, 12);
	});

	it('figure 2 counts the same GPU: each recompute mode’s row is that mode on figure 5’s first stage', () => {
		for (const sched of SCHEDULES)
			for (const recompute of ['none', 'selective', 'full', 'every-k'] as const) {
				const s = { ...scene, sched, v: 2, recompute, k: 3 };
				const row = summarize(s).recompute[['none', 'selective', 'full', 'every-k'].indexOf(recompute)];
				const stage1 = planState(s).stages[0];
				expect((row.stored + row.workingSet) / (stage1.activations + stage1.workingSet), `${sched}, ${recompute}`).toBeCloseTo(1, 12);
			}
	});

	it('with no recompute, four GPipe stages of eight micro-batches keep twice what one GPU keeps for the whole model', () => {
		const one = summarize({ ...base, gpus: 2 }).recompute[0];
		const four = summarize({ ...base, gpus: 8, p: 4, sched: 'gpipe' }).recompute[0];
		expect(four.stored / one.stored).toBeCloseTo(2, 12);
	});

	it('k* minimises the stage’s own M(k): its 8 layers, each micro-batch in flight keeping its checkpoints', () => {
		const whole = summarize({ ...base, gpus: 2 }).kStar;
		// 1F1B holds 4 micro-batches of 8 layers: 4 · 8 = 32, the whole model's k*; GPipe holds 8: √2 times it.
		expect(summarize({ ...base, gpus: 8, p: 4, sched: '1f1b' }).kStar / whole).toBeCloseTo(1, 12);
		expect(summarize({ ...base, gpus: 8, p: 4, sched: 'gpipe' }).kStar / whole).toBeCloseTo(Math.SQRT2, 12);
		// Against the figure's curve: the best whole k is one of the two around k*.
		for (const s of [{ ...base, s: 512, gpus: 8, p: 4, sched: 'gpipe' as const }, { ...base, s: 256, L: 96, gpus: 8, p: 2, m: 16, sched: 'gpipe' as const }]) {
			const r = summarize(s);
			const layers = r.stage.layers;
			const total = (k: number) => {
				const row = summarize({ ...s, recompute: 'every-k', k }).recompute[3];
				return row.stored + row.workingSet;
			};
			const ks = Array.from({ length: layers }, (_, i) => i + 1);
			const best = ks.reduce((a, b) => (total(b) < total(a) ? b : a));
			expect(r.kStar, `k* ${r.kStar}, best whole k ${best}`).toBeGreaterThan(1);
			expect([Math.floor(r.kStar), Math.ceil(r.kStar)]).toContain(best);
		}
	});
});
