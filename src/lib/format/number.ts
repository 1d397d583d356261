/**
 * Numbers as every figure prints them: `digits` significant digits, a real minus sign, and
 * scientific form (mantissa × 10 to a power) when the value is tiny (< 10⁻³) or large (≥ 10⁴),
 * so a readout never grows into a row of zeros. One style for plain text and one for TeX.
 */
import { superscript } from './superscript';

/** Below this the value is rounding noise of a subtraction, and reads as 0. */
const ZERO = 1e-12;
const SMALL = 1e-3;
const LARGE = 1e4;

const scientific = (a: number) => a < SMALL || a >= LARGE;

/** Mantissa and exponent of |v| with `digits` significant digits: 2.3e-5 → ["2.30", -5]. */
function split(a: number, digits: number): [string, number] {
	const [m, e] = a.toExponential(Math.max(0, digits - 1)).split('e');
	return [m, Number(e)];
}

const plain = (a: number, digits: number) => String(Number(a.toPrecision(digits)));

/** Plain text: "0.0891", "−6.13", "2.30×10⁻⁵", "∞", "—" (not a number). */
export function formatNumber(v: number, digits = 3): string {
	if (Number.isNaN(v)) return '—';
	if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
	const a = Math.abs(v);
	if (a < ZERO) return '0';
	const sign = v < 0 ? '−' : '';
	if (!scientific(a)) return sign + plain(a, digits);
	const [m, e] = split(a, digits);
	return `${sign}${m}×10${superscript(e)}`;
}

/** The same value as TeX for KaTeX: "2.30 \times 10^{-5}"; a bare power of ten as "10^{-5}". */
export function texNumber(v: number, digits = 3): string {
	if (Number.isNaN(v)) return '\\text{—}';
	if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
	const a = Math.abs(v);
	if (a < ZERO) return '0';
	const sign = v < 0 ? '-' : '';
	if (!scientific(a)) return sign + plain(a, digits);
	const [m, e] = split(a, digits);
	// ε = 10⁻⁵ reads better without "1.00 ×".
	return Number(m) === 1 ? `${sign}10^{${e}}` : `${sign}${m} \\times 10^{${e}}`;
}

/** Tick labels on log axes of sizes: 1, 10, 100, 1000 rather than powers of ten. */
export const plainTick = (v: number | string): string => (typeof v === 'number' ? plain(v, 3) : v);

/** log10 of a ratio, rounded to one decimal ("the gradient shrank by 10^−4.3"). */
export const log10Ratio = (a: number, b: number): number => Math.round(Math.log10(a / b) * 10) / 10;
