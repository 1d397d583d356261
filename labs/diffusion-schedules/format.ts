/** Numbers as the figures print them: 3 significant digits, scientific when tiny or huge. */
export function fmt(v: number, digits = 3): string {
	if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '−∞' : '—';
	if (Math.abs(v) < 1e-12) return '0';
	const a = Math.abs(v);
	if (a < 1e-3 || a >= 1e5) {
		const [m, e] = v.toExponential(digits - 1).split('e');
		return `${m}×10${superscript(Number(e))}`;
	}
	return String(Number(v.toPrecision(digits))).replace('-', '−');
}

/** TeX for a number (a×10^{e} when tiny). */
export function tex(v: number, digits = 3): string {
	if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
	if (v === 0) return '0';
	const a = Math.abs(v);
	if (a < 1e-3 || a >= 1e5) {
		const [m, e] = v.toExponential(digits - 1).split('e');
		return `${m}\\times 10^{${Number(e)}}`;
	}
	return String(Number(v.toPrecision(digits)));
}

const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
const superscript = (n: number) => String(n).split('').map((c) => SUP[c] ?? c).join('');
