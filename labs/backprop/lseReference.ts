/**
 * Float64 reference for figure 4: the cross-entropy of s·z computed the stable way in double
 * precision (from the float32 values the graph is fed), and the analytic scale s* where
 * log Σe^{s·z} reaches ln(FLT_MAX), past which exp overflows a float32 sum.
 */

/** ln of the largest finite float32, (2 − 2⁻²³)·2¹²⁷. */
export const LN_FLT_MAX = Math.log((2 - 2 ** -23) * 2 ** 127);

/** log Σ_j e^{s·z_j} in float64, with the max taken out (z as the float32 graph is fed it). */
export function logSumExp64(z: readonly number[], s: number): number {
	const sz = z.map((v) => s * Math.fround(v));
	const m = Math.max(...sz);
	return m + Math.log(sz.reduce((acc, v) => acc + Math.exp(v - m), 0));
}

/** −log softmax(s·z)_label in float64. */
export function crossEntropy64(z: readonly number[], label: number, s: number): number {
	const s32 = Math.fround(s); // the scale as the graph is fed it
	return logSumExp64(z, s32) - s32 * Math.fround(z[label]);
}

/** The s in [lo, hi] where log Σe^{s·z} = ln FLT_MAX (bisection; it grows with s when max z > 0), or null if it never gets there. */
export function analyticBreak(z: readonly number[], lo = 1, hi = 1e4): number | null {
	if (logSumExp64(z, hi) < LN_FLT_MAX) return null;
	if (logSumExp64(z, lo) >= LN_FLT_MAX) return lo;
	for (let i = 0; i < 100; i++) {
		const mid = Math.sqrt(lo * hi);
		if (logSumExp64(z, mid) < LN_FLT_MAX) lo = mid;
		else hi = mid;
	}
	return Math.sqrt(lo * hi);
}

/** The spec's test of a float32 loss: non-finite, or more than 1e-3·max(1, L) from float64. */
export function isBroken(got: number | null, want: number, tol = 1e-3): boolean {
	return got === null || !Number.isFinite(got) || Math.abs(got - want) > tol * Math.max(1, Math.abs(want));
}
