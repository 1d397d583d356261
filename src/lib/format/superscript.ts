/** Superscript digits for exponents in plain text (SVG labels, readouts, CSV), e.g. "10⁻⁶". */
const SUPERSCRIPT: Record<string, string> = {
	'-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹'
};

/** An integer written in superscript characters: -12 → "⁻¹²". */
export function superscript(n: number): string {
	return String(n)
		.split('')
		.map((c) => SUPERSCRIPT[c] ?? c)
		.join('');
}
