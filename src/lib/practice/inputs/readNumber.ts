/**
 * A number as a reader types it: "682", "-0.5", "1e-9", "10^-9", "10⁻⁹", with a Unicode minus or
 * a decimal comma. Null when it is not a number.
 */
const SUPERSCRIPTS: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+' };

export function readNumber(raw: string): number | null {
	let text = raw.trim().replace(/[−–]/g, '-').replace(/\s+/g, '');
	if (/^\d+,\d+$/.test(text)) text = text.replace(',', '.');
	// 10⁻⁹ → 10^-9
	text = text.replace(/^(.*?10)([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)$/, (_, base: string, exp: string) => `${base}^${[...exp].map((c) => SUPERSCRIPTS[c]).join('')}`);
	const power = /^(?:([+-]?(?:\d+\.?\d*|\.\d+))(?:×|x|\*))?10\^\(?([+-]?\d+(?:\.\d+)?)\)?$/i.exec(text);
	if (power) {
		const value = (power[1] === undefined ? 1 : Number(power[1])) * 10 ** Number(power[2]);
		return Number.isFinite(value) ? value : null;
	}
	if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}
