/** Small numeric helpers shared by this lab's figures. */

/** A log-axis domain around the finite positive values, padded by a factor on each side. */
export function logDomain(values: number[], pad = 2): [number, number] {
	const positive = values.filter((v) => Number.isFinite(v) && v > 0);
	if (!positive.length) return [1e-3, 1];
	return [Math.min(...positive) / pad, Math.max(...positive) * pad];
}

/** "3.2e-7" style for tiny or huge numbers, plain digits otherwise. */
export function formatNumber(v: number, digits = 3): string {
	if (!Number.isFinite(v)) return String(v);
	if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(digits - 1);
	return String(Number(v.toPrecision(digits)));
}

/** log10 of a ratio, rounded to one decimal. */
export const log10Ratio = (a: number, b: number): number => Math.round(Math.log10(a / b) * 10) / 10;
