/**
 * Figure 5's verdict on timing: the ratio of LayerNorm's time to RMSNorm's, round by round (the
 * runs are interleaved, so each round's pair met the same moment of the machine), summarised by
 * its median and interquartile range. When that range reaches across 1 the noise is as large as
 * the difference, and the page says so instead of naming a winner.
 */

/** Linear-interpolated quantile q (0..1) of an ascending array. */
export function quantile(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) return NaN;
	const at = (sorted.length - 1) * q;
	const lo = Math.floor(at);
	const hi = Math.ceil(at);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** A ratio measured over several rounds: its median and 25th–75th percentiles. */
export interface RatioSpread {
	median: number;
	low: number;
	high: number;
	rounds: number;
}

/** slower[i] / faster[i] for each round i, summarised. */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): RatioSpread {
	const n = Math.min(numerator.length, denominator.length);
	const ratios = Array.from({ length: n }, (_, i) => numerator[i] / denominator[i])
		.filter(Number.isFinite)
		.sort((a, b) => a - b);
	return { median: quantile(ratios, 0.5), low: quantile(ratios, 0.25), high: quantile(ratios, 0.75), rounds: ratios.length };
}

/** Which way the ratio points: clearly above 1, clearly below 1, or a spread that includes 1. */
export type RatioVerdict = 'above' | 'below' | 'overlaps';

export function ratioVerdict(r: RatioSpread): RatioVerdict {
	if (!(r.rounds > 0) || !Number.isFinite(r.low) || !Number.isFinite(r.high)) return 'overlaps';
	if (r.low > 1) return 'above';
	if (r.high < 1) return 'below';
	return 'overlaps';
}

const times = (v: number) => `${Number(v.toPrecision(3))}×`;

/**
 * One sentence on a LayerNorm/RMSNorm time ratio: the median, the middle half of the rounds, and
 * a direction only when that middle half stays on one side of 1.
 */
export function ratioSentence(r: RatioSpread, how: string): string {
	if (!(r.rounds > 0)) return `${how}: no round finished.`;
	const measured = `${how}, LayerNorm took ${times(r.median)} RMSNorm's time (middle half of the ${r.rounds} rounds: ${times(r.low)} to ${times(r.high)})`;
	switch (ratioVerdict(r)) {
		case 'above':
			return `${measured}: RMSNorm was faster here.`;
		case 'below':
			return `${measured}: LayerNorm was faster here, against the operation count; the runtime's kernels, not the arithmetic, decided.`;
		case 'overlaps':
			return `${measured}: that range reaches across 1×, so timing noise swamps the difference and neither is measurably faster here.`;
	}
}
