/**
 * Checkpoint 4's sweep, as plain maths: the rates tried at B = 128 (η₀ × 1, 2, 4, 8, 16, each
 * warmed up from η₀ as figure 5 does) and which curve is closest to B = 32's: the L2 distance
 * between their losses on all points, epoch by epoch (the same examples seen).
 */
import { BATCH_RUNS, type BatchRunSpec } from './batchRuns';
import { SPIRAL } from './spiralMlp';

export const BIGGER = { from: BATCH_RUNS.reference, to: 128, factors: [1, 2, 4, 8, 16] } as const;

export const biggerRates = (base: number = BATCH_RUNS.baseRate) => BIGGER.factors.map((f) => base * f);

/** B = 128 at `rate`, warmed up from η₀ over figure 5's warmup epochs when above it. */
export function biggerSpec(rate: number, base: number = BATCH_RUNS.baseRate): BatchRunSpec {
	const steps = Math.floor(SPIRAL.examples / BIGGER.to);
	return { batch: BIGGER.to, rate, base, warmup: rate > base ? BATCH_RUNS.warmupEpochs * steps : 0 };
}

export const l2Distance = (a: readonly number[], b: readonly number[]) => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0));

/** The index of the curve closest to `reference` (NaN curves count as infinitely far). */
export function closest(reference: readonly number[], curves: readonly (readonly number[])[]): { index: number; distances: number[] } {
	const distances = curves.map((c) => {
		const d = l2Distance(reference, c);
		return Number.isFinite(d) ? d : Infinity;
	});
	return { index: distances.indexOf(Math.min(...distances)), distances };
}
