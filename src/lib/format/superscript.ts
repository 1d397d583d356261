/** Superscript digits for exponents in plain text (SVG labels, readouts, CSV), e.g. "10⁻⁶". */
const SUPERSCRIPT: Record<string, string> = {
	'-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹'
};

/** An integer written in superscript characters: -12 → "⁻¹²". (There is no superscript full stop.) */
export function superscript(n: number): string {
	return String(n)
		.split('')
		.map((c) => SUPERSCRIPT[c] ?? c)
		.join('');
}

/** An exponent as text, with a true minus sign: −12.2. */
const signed = (exponent: number): string => `${exponent < 0 ? '−' : ''}${Math.abs(exponent)}`;

/**
 * A power of ten as a reader types it into an answer box ("10^-9" is the hint there), for plain
 * text that shows answers: 10^−12.2 as "10^−12.2". Superscript characters have no full stop, and
 * the raised dot that stood in for one ("10⁻¹²·²") could read as a product. No line breaks inside.
 */
export function powerOfTenTyped(exponent: number): string {
	return `10^${signed(exponent)}`;
}

/** A power of ten for a screen reader, which reads "10⁻¹²" digit by digit: "10 to the power −12.2". */
export function powerOfTenSpoken(exponent: number): string {
	return `10 to the power ${signed(exponent)}`;
}
