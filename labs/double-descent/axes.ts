/**
 * Axis ranges and number formats for the figures (pure): where to cut the error axis so a huge
 * spike does not flatten the rest of the curve, and how to keep the fitted function's wild
 * swings from hiding the data.
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

/** y range for the fit figure: the data and the true function, with room around them. */
export function fitDomain(truth: readonly number[], trainY: readonly number[]): [number, number] {
	const values = [...truth, ...trainY].filter(Number.isFinite);
	if (values.length === 0) return [-1.5, 1.5];
	const lo = Math.min(...values);
	const hi = Math.max(...values);
	const pad = 0.25 * Math.max(hi - lo, 0.5);
	return [lo - pad, hi + pad];
}

/** Positive values only, as a log axis needs, with a little room: [min/1.5, max·1.5]. */
export function logDomain(values: readonly number[]): [number, number] {
	const positive = values.filter((v) => Number.isFinite(v) && v > 0);
	if (positive.length === 0) return [1e-3, 1];
	return [Math.min(...positive) / 1.5, Math.max(...positive) * 1.5];
}

/** Short human numbers: 3 significant digits, exponent form when very large or small. */
export function formatNumber(v: number, digits = 3): string {
	if (!Number.isFinite(v)) return String(v);
	if (v === 0) return '0';
	const a = Math.abs(v);
	if (a >= 1e4 || a < 1e-3) {
		const [m, e] = v.toExponential(digits - 1).split('e');
		return `${m.replace('-', '−')}×10${superscript(Number(e))}`;
	}
	// A real minus sign, not a hyphen.
	return String(Number(v.toPrecision(digits))).replace('-', '−');
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

function superscript(k: number): string {
	return String(k)
		.split('')
		.map((c) => SUPERSCRIPT[c] ?? c)
		.join('');
}

/** The same as TeX: 2.3 \times 10^{-5}. */
export function texNumber(v: number, digits = 3): string {
	if (!Number.isFinite(v)) return '\\text{–}';
	if (v === 0) return '0';
	const a = Math.abs(v);
	if (a >= 1e4 || a < 1e-3) {
		const [m, e] = v.toExponential(digits - 1).split('e');
		return `${m} \\times 10^{${Number(e)}}`;
	}
	return String(Number(v.toPrecision(digits)));
}

/** "p = 40 (n)", "p = 80 (2n)", "p = 20 (n/2)": a size relative to the threshold. */
export function relativeToN(p: number, n: number): string {
	const r = p / n;
	if (Math.abs(r - 1) < 1e-9) return 'n';
	if (Math.abs(r - Math.round(r)) < 1e-9) return `${Math.round(r)}n`;
	if (Math.abs(1 / r - Math.round(1 / r)) < 1e-9) return `n/${Math.round(1 / r)}`;
	return `${Number(r.toPrecision(2))}n`;
}

/** Tick labels on log axes of sizes: 1, 10, 100, 1000 rather than powers of ten. */
export const plainTick = (v: number | string) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : v);
