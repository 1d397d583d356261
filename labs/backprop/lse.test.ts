/**
 * Figure 4's float32 graphs on onnxruntime-web (WASM in Node) against float64 computed here, and
 * the spec's facts: the naive loss breaks where log Σe^z passes ln(FLT_MAX) ≈ 88.72 (± 0.4), the
 * stable one stays within 1e-5·max(1, L) of float64 up to s = 1e4.
 */
import { describe, expect, it } from 'vitest';
import { runModel } from '../../tests/support/ort';
import { bisectBreak, buildLseGraph, lseFeeds, LSE_LABEL, LSE_LOGITS, LSE_SWEEP, summarizeLse } from './lse';
import { analyticBreak, crossEntropy64, isBroken, LN_FLT_MAX, logSumExp64 } from './lseReference';

/** Written out here, not taken from the code under test: ln(3.4028234663852886e38). */
const LN_MAX = 88.72283905206835;

/** log Σ exp(s·z) by plain summation in float64 (fine for the small s·z used here). */
const lseDirect = (z: number[], s: number) => Math.log(z.reduce((a, v) => a + Math.exp(s * v), 0));

const single = buildLseGraph(1);
async function naiveAt(z: number[], label: number, s: number): Promise<number> {
	const out = await runModel(single.bytes, lseFeeds([s], z, label));
	return out[single.loss.naive].data[0];
}

describe('the float64 reference', () => {
	it('ln FLT_MAX and log-sum-exp agree with direct formulas', () => {
		expect(LN_FLT_MAX).toBeCloseTo(LN_MAX, 12);
		for (const s of [1, 3, 10]) expect(logSumExp64([2, 0.5, -1], s)).toBeCloseTo(lseDirect([2, 0.5, -1], s), 10);
	});
	it('the analytic s* puts log Σe^{s·z} at ln FLT_MAX', () => {
		const sStar = analyticBreak([2, 0.5, -1])!;
		expect(lseDirect([2, 0.5, -1], sStar)).toBeCloseTo(LN_MAX, 6);
		expect(analyticBreak([-1, -2, -3])).toBeNull();
	});
});

describe('figure 4: naive vs stable loss in float32', () => {
	const graph = buildLseGraph();
	it('over the sweep: stable within 1e-5·max(1, L) of float64 everywhere to s = 1e4; naive fine below s*, broken above', async () => {
		const s = 100;
		const r = summarizeLse(graph, s, await runModel(graph.bytes, lseFeeds([...LSE_SWEEP, s])));
		const sStar = analyticBreak([...LSE_LOGITS])!;
		LSE_SWEEP.forEach((si, i) => {
			const want = crossEntropy64([...LSE_LOGITS], LSE_LABEL, si);
			const stable = r.stable[i];
			expect(stable, `stable at s = ${si}`).not.toBeNull();
			expect(Math.abs(stable! - want), `stable at s = ${si}`).toBeLessThanOrEqual(1e-5 * Math.max(1, want));
			// Away from the edge (where SIMD exp kernels may clamp a little earlier) the verdict is clear.
			if (lseDirect([...LSE_LOGITS], si) < LN_MAX - 0.4) expect(isBroken(r.naive[i], want), `naive at s = ${si}`).toBe(false);
			if (si > sStar) expect(isBroken(r.naive[i], want), `naive at s = ${si}`).toBe(true);
		});
		// At s = 100 the naive chain's first non-finite node is exp(s·z) (e^200 overflows); the stable chain stays finite.
		// The prose's numbers: s* near 44.4 for these logits, and the loss about 15 000 at s = 1e4.
		expect(sStar).toBeCloseTo(44.4, 1);
		expect(Math.abs(r.stable.at(-1)! - 15000)).toBeLessThan(1);
		const firstBad = r.chains.naive.findIndex((c) => c.values.some((v) => v === null));
		expect(r.chains.naive[firstBad].op).toBe('Exp');
		expect(r.chains.stable.every((c) => c.values.every((v) => v !== null))).toBe(true);
	});

	it.each([
		[[2, 0.5, -1], 1],
		[[1, 0.9, -0.3], 0],
		[[0.2, 3, 2.5], 2],
		[[5, -5, 0], 0]
	])('logits %j, class %i: bisection over naive runs breaks where log Σe^{s·z} = 88.72 ± 0.4', async (z, label) => {
		const sBreak = await bisectBreak(async (s) => isBroken(await naiveAt(z, label, s), crossEntropy64(z, label, s)));
		expect(sBreak).not.toBeNull();
		expect(Math.abs(lseDirect(z, sBreak!) - LN_MAX)).toBeLessThanOrEqual(0.4);
	});
});
