/** Superscript digits for exponents in plain text (SVG labels, readouts, CSV), e.g. "10⁻⁶". */
const SUPERSCRIPT: Record<string, string> = {
	'-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	// No superscript full stop exists: the raised decimal point reads as one in an exponent.
	'.': '·'
};

/** A number written in superscript characters: -12 → "⁻¹²", -12.2 → "⁻¹²·²". */
export function superscript(n: number): string {
	return String(n)
		.split('')
		.map((c) => SUPERSCRIPT[c] ?? c)
		.join('');
}

/** U+2060 WORD JOINER: no line break on either side of it, and nothing drawn. */
export const WORD_JOINER = '\u2060';

/**
 * A power of ten for running text, glued so a line never breaks inside it: 10^−12.2 as
 * "10⁻¹²·²" with a word joiner between every two characters ("10^-12.2" once split over two lines).
 */
export function powerOfTen(exponent: number): string {
	return ['1', '0', ...superscript(exponent)].join(WORD_JOINER);
}
