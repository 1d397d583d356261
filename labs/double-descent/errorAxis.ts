/**
 * The error axis of the curve figures (pure): where to cut it so a huge spike at the threshold
 * does not flatten the rest of the curve, and how to name a size relative to the threshold.
 */

export interface ErrorAxis {
	/** Top of the linear y axis. */
	top: number;
	/** True when the highest test error is above `top`. */
	clipped: boolean;
	/** Where the test error is highest. */
	peak: { p: number; value: number } | null;
}

/** Spikes up to this many times the rest of the curve are drawn whole. */
const CLIP_RATIO = 4;
/** When cutting, the axis shows this many times the rest of the curve. */
const CLIPPED_TOP = 2.5;

/**
 * The error axis for curves against p with threshold n. "The rest of the curve" is its maximum
 * outside [n/1.5, 1.5n] (and the train error everywhere): the U and the second descent.
 */
export function errorAxis(ps: readonly number[], test: readonly number[], train: readonly number[], n: number): ErrorAxis {
	const finite = (v: number) => Number.isFinite(v);
	let peak: ErrorAxis['peak'] = null;
	let rest = 0;
	ps.forEach((p, i) => {
		const v = test[i];
		if (!finite(v)) return;
		if (!peak || v > peak.value) peak = { p, value: v };
		if (p < n / 1.5 || p > 1.5 * n) rest = Math.max(rest, v);
	});
	for (const v of train) if (finite(v)) rest = Math.max(rest, v);
	const found = peak as ErrorAxis['peak'];
	if (!found) return { top: 1, clipped: false, peak: null };
	if (rest <= 0) rest = found.value;
	if (found.value <= CLIP_RATIO * rest) return { top: found.value * 1.08, clipped: false, peak: found };
	return { top: CLIPPED_TOP * rest, clipped: true, peak: found };
}

/** "p = 40 (n)", "p = 80 (2n)", "p = 20 (n/2)": a size relative to the threshold. */
export function relativeToN(p: number, n: number): string {
	const r = p / n;
	if (Math.abs(r - 1) < 1e-9) return 'n';
	if (Math.abs(r - Math.round(r)) < 1e-9) return `${Math.round(r)}n`;
	if (Math.abs(1 / r - Math.round(1 / r)) < 1e-9) return `n/${Math.round(1 / r)}`;
	return `${Number(r.toPrecision(2))}n`;
}
