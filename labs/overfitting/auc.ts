/**
 * Figure 2c's numbers without the model, so the figure reads them without loading any ONNX code:
 * an AUC from a Mann–Whitney count, and the band of the shuffled-label classifiers.
 */

/** Shuffled-label classifiers trained beside the real one. */
export const PERMUTATIONS = 39;

/**
 * Twice the Mann–Whitney U of positives over negatives: 2 · #(score⁺ > score⁻) + #(ties), from
 * mid-ranks. Divided by 2 · pos · neg it is the ROC AUC. The shuffled classifiers' labels are
 * shuffled on the held-out rows too, so their pos and neg are the same as the real one's.
 */
export function twiceU(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
	const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
	// Mid-ranks (1-based) over runs of tied scores.
	const rank = new Float64Array(scores.length);
	for (let i = 0; i < order.length; ) {
		let j = i;
		while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
		for (let k = i; k <= j; k++) rank[order[k]] = (i + j) / 2 + 1;
		i = j + 1;
	}
	let pos = 0;
	let rankSum = 0;
	for (let i = 0; i < scores.length; i++)
		if (positive[i]) {
			pos++;
			rankSum += rank[i];
		}
	return Math.round(2 * rankSum - pos * (pos + 1));
}

/** The q-quantile of values, linear between order statistics. */
export function quantile(values: readonly number[], q: number): number {
	const s = [...values].sort((a, b) => a - b);
	const at = q * (s.length - 1);
	const lo = Math.floor(at);
	return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

/**
 * Each classifier's held-out ranking as twice its Mann–Whitney U (an integer: ties count half),
 * the real classifier first; AUC = u2 / (2 · pos · neg).
 */
export interface AdversarialResult {
	u2: number[];
	/** Held-out validation (positive) and training (negative) rows. */
	pos: number;
	neg: number;
	/** Rows fitted on. */
	fitRows: number;
}

export const aucOf = (r: AdversarialResult, m = 0) => r.u2[m] / (2 * r.pos * r.neg);

/** The real classifier's AUC and the central 95% of the shuffled-label AUCs. */
export function adversarialSummary(r: AdversarialResult): { auc: number; band: [number, number]; nullAucs: number[] } {
	const nullAucs = r.u2.slice(1).map((_, m) => aucOf(r, m + 1));
	return { auc: aucOf(r), band: [quantile(nullAucs, 0.025), quantile(nullAucs, 0.975)], nullAucs };
}
