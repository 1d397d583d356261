/** Contour levels for a surface grid: geometric in f − f*, so the valley floor gets lines too. */
export const LEVELS = 14;

export function contourLevels(values: readonly number[], fStar: number): number[] {
	let max = -Infinity;
	for (const v of values) if (Number.isFinite(v) && v > max) max = v;
	const span = max - fStar;
	if (!(span > 0)) return [];
	return Array.from({ length: LEVELS }, (_, k) => fStar + span * 2 ** -(k + 1));
}
