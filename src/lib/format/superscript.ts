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

/** An exponent as text, with a true minus sign: −12.2 (raised by PowerOfTen.svelte, or said in words). */
export const signedExponent = (exponent: number): string => `${exponent < 0 ? '−' : ''}${Math.abs(exponent)}`;

/**
 * A power of ten in words: "10 to the power −12.2", as a question asks for it ("about 10 to which
 * power?") and as a screen reader should say it (it reads "10⁻¹²" digit by digit). Superscript
 * characters have no full stop, and the raised dot that stood in for one ("10⁻¹²·²") could read
 * as a product.
 */
export function powerOfTenInWords(exponent: number): string {
	return `10 to the power ${signedExponent(exponent)}`;
}
