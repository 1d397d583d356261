/** Number formatting for readouts and equations: short, with ×10ⁿ for very small or large values. */
import { pow10Label } from '$lib/viz/ticks';

/** Plain text, e.g. "0.862", "−1.20", "3.1×10⁻⁶". */
export function formatNumber(v: number, digits = 3): string {
	if (!Number.isFinite(v)) return '—';
	if (v === 0) return '0';
	const a = Math.abs(v);
	const sign = v < 0 ? '−' : '';
	if (a >= 1e4 || a < 1e-3) {
		const k = Math.floor(Math.log10(a));
		return `${sign}${(a / 10 ** k).toFixed(Math.max(0, digits - 2))}×${pow10Label(k)}`;
	}
	return sign + String(Number(a.toPrecision(digits)));
}

/** The same value as TeX (for KaTeX): "3.1 \times 10^{-6}". */
export function texNumber(v: number, digits = 3): string {
	if (!Number.isFinite(v)) return '\\text{—}';
	if (v === 0) return '0';
	const a = Math.abs(v);
	const sign = v < 0 ? '-' : '';
	if (a >= 1e4 || a < 1e-3) {
		const k = Math.floor(Math.log10(a));
		const mantissa = (a / 10 ** k).toFixed(Math.max(0, digits - 2));
		// A bare power of ten (ε = 10⁻⁵) reads better without "1 ×".
		return Number(mantissa) === 1 ? `${sign}10^{${k}}` : `${sign}${mantissa} \\times 10^{${k}}`;
	}
	return sign + String(Number(a.toPrecision(digits)));
}
