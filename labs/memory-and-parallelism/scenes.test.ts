/**
 * The numbers scenes 1–3 of the spec quote, recomputed here from the formulas written out for the
 * default 6.6B model (L 32, h 4096, a 32, V 32000, s 4096), against what the figures draw.
 */
import { describe, expect, it } from 'vitest';
import { schema, memoryAndParallelism, type MemoryAndParallelismState } from './lab';
import { stateBytes, totalBytes } from './segments';
import { summarize } from './summary';
import { planState } from './planner';

const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as MemoryAndParallelismState;
const sceneState = (id: string) => ({ ...defaults, ...memoryAndParallelism.scenes.find((s) => s.id === id)!.state }) as MemoryAndParallelismState;
const GB = 1e9;
const L = 32, h = 4096, a = 32, V = 32000, s = 4096;
const psi = 12 * L * h * h + 13 * L * h + (V + s) * h;
const sbh = s * h;

describe('memory-and-parallelism scenes', () => {
	it('scene 1: the default model is 6.6B parameters, 105 GB of states in fp32 and mixed alike, over 80 GB', () => {
		const r = summarize(sceneState('one-gpu'));
		expect(Math.round(psi / 1e8) / 10).toBe(6.6);
		for (const bar of r.precisionBars) {
			expect(stateBytes(bar)).toBeCloseTo(16 * psi, 0);
			expect(totalBytes(bar)).toBeGreaterThan(r.capacity);
		}
		expect(Math.round((16 * psi) / GB)).toBe(105);
	});

	it('scene 2: 8 GPUs, selective: DP does not fit, ZeRO-1 54 GB, ZeRO-3 31 GB at 1.5× the traffic', () => {
		const r = summarize(sceneState('eight-gpus'));
		const act = L * 34 * sbh;
		const want = [16 * psi, 4 * psi + (12 * psi) / 8, 2 * psi + (14 * psi) / 8, (16 * psi) / 8].map((x) => x + act);
		r.zeroStages.forEach((col, z) => expect(totalBytes(col)).toBeCloseTo(want[z], 0));
		expect(totalBytes(r.zeroStages[0])).toBeGreaterThan(r.capacity);
		expect(totalBytes(r.zeroStages[1])).toBeLessThan(r.capacity);
		expect(Math.floor(want[1] / GB)).toBe(54);
		expect(Math.round(want[3] / GB)).toBe(31);
		expect(r.zeroStages[3].traffic / r.zeroStages[0].traffic).toBeCloseTo(1.5, 12);
	});

	it('scene 3: s 4096: 104 GB of activations, 18 GB selective, about 1 GB of checkpoints under full recompute at +33% FLOPs', () => {
		const r = summarize(sceneState('long-sequence'));
		const [none, selective, full] = r.recompute;
		expect(none.stored).toBeCloseTo(L * sbh * (34 + (5 * a * s) / h), 0);
		expect(Math.round(none.stored / GB)).toBe(104);
		expect(Math.round(selective.stored / GB)).toBe(18);
		expect(full.stored).toBe(L * 2 * sbh);
		expect(Math.round(full.stored / GB)).toBe(1);
		expect(Math.round((full.flopsRatio - 1) * 100)).toBe(33);
	});

	it('scenes 4 and 5: p 4, GPipe at m 4 idles 3/7 of the step and holds all 4 micro-batches; 1F1B at m 32 idles 3/35 and holds at most 4', async () => {
		const { simulateTimeline } = await import('./timeline');
		const { timelineInput } = await import('./timelineInput');
		// Free transfers: the bubble alone, as the captions say.
		const bubble = (id: string) => {
			const st = sceneState(id);
			const tl = simulateTimeline({ ...timelineInput(st), tpBandwidth: Infinity, ppBandwidth: Infinity, dpBandwidth: Infinity });
			return { share: tl.bubbleTime / tl.freeCommTime, held: tl.peakInFlight[0], m: st.m };
		};
		const gpipe = bubble('pipeline');
		expect(gpipe.share).toBeCloseTo(3 / 7, 9);
		expect(gpipe.held).toBe(4);
		const oneF = bubble('pipeline-1f1b');
		expect(oneF.share).toBeCloseTo(3 / 35, 9);
		expect(oneF.held).toBe(4);
		expect(oneF.m).toBe(32);
	});

	it('scene 6: GPT-3 175B on 1024 A100s, t 8 + SP in a node, p 16, d 8, selective: every stage fits, MFU between the bubble-free bound and zero', () => {
		const st = sceneState('gpt3');
		const gpt3 = 12 * 96 * 12288 ** 2 + 13 * 96 * 12288 + (50257 + 2048) * 12288;
		expect(Math.round(summarize(st).psi / 1e9)).toBe(Math.round(gpt3 / 1e9));
		expect(Math.round(gpt3 / 1e9)).toBe(175);
		const plan = planState(st);
		expect(plan.layout).toEqual({ d: 8, t: 8, p: 16 });
		expect(st.t).toBeLessThanOrEqual(st.gpn);
		expect(st.sp).toBe(true);
		expect(plan.fits).toBe(true);
		// The first stage holds 6 layers and the embeddings, each GPU 1/8 of them at 16 bytes a parameter.
		const layer = 12 * 12288 ** 2 + 13 * 12288;
		const states = (16 * (6 * layer + (50257 + 2048) * 12288)) / 8;
		expect(plan.stages[0].params + plan.stages[0].grads + plan.stages[0].adam + plan.stages[0].master).toBeCloseTo(states, 0);
		// Selective under SP: 34sbh/t per layer and micro-batch; 1F1B's first stage holds p of them.
		expect(plan.stages[0].activations).toBeCloseTo((16 * 6 * 34 * 2048 * 12288) / 8, 0);
		// The bubble alone caps MFU at eff·(1 − (p−1)/(m+p−1)) (less the recomputed share); transfers cost more.
		const cap = st.eff * (1 - 15 / (64 + 15));
		expect(plan.mfu).toBeLessThan(cap);
		expect(plan.mfu).toBeGreaterThan(0.2);
	});
});
