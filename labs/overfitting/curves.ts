/**
 * Pure maths of figure 1: a probe's log-probabilities → loss and accuracy on the training and
 * validation sets; the smoothed validation loss and its minimum; the accuracy's standard error.
 */
import { CLASSES } from './glyphs';

export interface SetScore {
	loss: number;
	accuracy: number;
}

/** Mean cross-entropy and accuracy of rows [from, from + labels.length) of `logProbs` ([rows, 4]). */
export function scoreRows(logProbs: ArrayLike<number>, labels: ArrayLike<number>, from: number): SetScore {
	let loss = 0;
	let right = 0;
	for (let i = 0; i < labels.length; i++) {
		const row = (from + i) * CLASSES;
		let best = 0;
		for (let c = 1; c < CLASSES; c++) if (logProbs[row + c] > logProbs[row + best]) best = c;
		if (best === labels[i]) right++;
		loss -= logProbs[row + labels[i]];
	}
	return { loss: loss / labels.length, accuracy: right / labels.length };
}

/** One epoch's readings of both sets. */
export interface EpochPoint {
	epoch: number;
	trainLoss: number;
	trainAcc: number;
	valLoss: number;
	valAcc: number;
}

/** A probe reading (training rows first, then validation rows) as one epoch's point. */
export function epochPoint(epoch: number, logProbs: ArrayLike<number>, trainLabels: ArrayLike<number>, valLabels: ArrayLike<number>): EpochPoint {
	const train = scoreRows(logProbs, trainLabels, 0);
	const val = scoreRows(logProbs, valLabels, trainLabels.length);
	return { epoch, trainLoss: train.loss, trainAcc: train.accuracy, valLoss: val.loss, valAcc: val.accuracy };
}

/** Centered moving average over ±`half` epochs (shorter at the ends), so noise does not pick the minimum. */
export const SMOOTH_HALF = 2;

export function smooth(values: readonly number[], half = SMOOTH_HALF): number[] {
	return values.map((_, i) => {
		const lo = Math.max(0, i - half);
		const hi = Math.min(values.length - 1, i + half);
		let sum = 0;
		for (let j = lo; j <= hi; j++) sum += values[j];
		return sum / (hi - lo + 1);
	});
}

/** The epoch where the smoothed validation loss is lowest (first of ties), or null with no finite value. */
export function bestEpoch(points: readonly EpochPoint[]): number | null {
	const s = smooth(points.map((p) => p.valLoss));
	let best = -1;
	for (let i = 0; i < s.length; i++) if (Number.isFinite(s[i]) && (best < 0 || s[i] < s[best])) best = i;
	return best < 0 ? null : points[best].epoch;
}

/** Standard error of an accuracy a measured on n examples: √(a(1 − a)/n). */
export const accuracySE = (a: number, n: number) => Math.sqrt((a * (1 - a)) / n);
