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

/** How one output (plain text or TeX) writes what is not a plain number. */
interface Style {
	nan: string;
	infinity: string;
	minus: string;
	scientific(mantissa: string, exponent: number): string;
}

const TEXT: Style = {
	nan: '—',
	infinity: '∞',
	minus: '−', // a real minus sign, not a hyphen
	scientific: (m, e) => `${m}×10${superscript(e)}`
};

const TEX: Style = {
	nan: '\\text{—}',
	infinity: '\\infty',
	minus: '-',
	// ε = 10⁻⁵ reads better without "1.00 ×".
	scientific: (m, e) => (Number(m) === 1 ? `10^{${e}}` : `${m} \\times 10^{${e}}`)
};

function write(v: number, digits: number, style: Style, zero = ZERO): string {
	if (Number.isNaN(v)) return style.nan;
	const sign = v < 0 ? style.minus : '';
	if (!Number.isFinite(v)) return sign + style.infinity;
	const a = Math.abs(v);
	if (a < zero) return '0';
	if (!scientific(a)) return sign + plain(a, digits);
	return sign + style.scientific(...split(a, digits));
}

/** Plain text: "0.0891", "−6.13", "2.30×10⁻⁵", "∞", "—" (not a number). */
export const formatNumber = (v: number, digits = 3): string => write(v, digits, TEXT);

/**
 * Like formatNumber, for quantities that are genuinely tiny rather than rounding noise (a gradient
 * norm of 10⁻¹⁹ deep in a sigmoid stack): only an exact 0 reads as 0.
 */
export const formatMagnitude = (v: number, digits = 3): string => write(v, digits, TEXT, Number.MIN_VALUE);

/** The same value as TeX for KaTeX: "2.30 \times 10^{-5}"; a bare power of ten as "10^{-5}". */
export const texNumber = (v: number, digits = 3): string => write(v, digits, TEX);

/** Tick labels on log axes of sizes: 1, 10, 100, 1000 rather than powers of ten. */
export const plainTick = (v: number | string): string => (typeof v === 'number' ? plain(v, 3) : v);

/** log10 of a ratio, rounded to one decimal ("the gradient shrank by 10^−4.3"). */
export const log10Ratio = (a: number, b: number): number => Math.round(Math.log10(a / b) * 10) / 10;
