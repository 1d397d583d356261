/**
 * Figure 4's pure maths: the five fixes, early stopping read off a run's curve, and which fix
 * wins (with "no clear winner" when the top two are within 2 standard errors).
 */
import { mean } from 'd3';
import type { EpochPoint } from './curves';
import { meanAndSE } from './repeats';

export const FIXES = ['aug', 'wd', 'dropout', 'small', 'stop'] as const;
export type Fix = (typeof FIXES)[number];

export const FIX_LABELS: Record<Fix, string> = {
	aug: 'augmentation',
	wd: 'weight decay',
	dropout: 'dropout',
	small: 'width ÷ 4',
	stop: 'early stopping'
};

/** The width a run trains at: a quarter of the page's (at least 2) with the width ÷ 4 fix. */
export const widthAfter = (fixes: readonly Fix[] | undefined, width: number) => (fixes?.includes('small') ? Math.max(2, Math.round(width / 4)) : width);

/** The fixes a run applies, for its setup line: "; with augmentation and early stopping" ('' for none). */
export function withFixes(fixes: readonly Fix[] | undefined): string {
	const names = (fixes ?? []).map((f) => FIX_LABELS[f]);
	if (names.length === 0) return '';
	return `; with ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}`;
}

/** The strengths of the fixes (the page's controls aug, wd, dropout, patience). */
export interface FixStrengths {
	aug: number;
	wd: number;
	dropout: number;
	patience: number;
}

export interface Stopped {
	/** The epoch training stopped at: `patience` epochs without a new lowest validation loss, or the last. */
	stopEpoch: number;
	/** The epoch whose weights are restored (the lowest validation loss up to the stop). */
	bestEpoch: number;
	/** Validation loss of the restored weights: the run's final validation loss. */
	valLoss: number;
}

/** Early stopping on a run's per-epoch validation loss, with the best weights restored. */
export function earlyStop(points: readonly EpochPoint[], patience: number): Stopped | null {
	let best = -1;
	let i = 0;
	for (; i < points.length; i++) {
		const v = points[i].valLoss;
		if (!Number.isFinite(v)) break;
		if (best < 0 || v < points[best].valLoss) best = i;
		else if (points[i].epoch - points[best].epoch >= patience) break;
	}
	if (best < 0) return null;
	const stop = Math.min(i, points.length - 1);
	return { stopEpoch: points[stop].epoch, bestEpoch: points[best].epoch, valLoss: points[best].valLoss };
}

/** Standard error of a mean loss: the per-image losses' standard deviation / √count. */
export function lossSE(perImage: ArrayLike<number>): number {
	const n = perImage.length;
	let mean = 0;
	for (let i = 0; i < n; i++) mean += perImage[i] / n;
	let ss = 0;
	for (let i = 0; i < n; i++) ss += (perImage[i] - mean) ** 2;
	return Math.sqrt(ss / (n - 1) / n);
}

export interface FixOutcome {
	fix: Fix;
	/** Final validation loss (early stopping: of the restored weights). */
	valLoss: number;
	/** Its standard error over the validation images. */
	se: number;
}

/** The fix with the lowest final validation loss, or null ("no clear winner") when the runner-up is within 2 SE of it. */
export function winner(outcomes: readonly FixOutcome[]): { best: Fix | null; lead: number; margin: number } {
	const ranked = outcomes.filter((o) => Number.isFinite(o.valLoss)).sort((a, b) => a.valLoss - b.valLoss);
	if (ranked.length === 0) return { best: null, lead: 0, margin: 0 };
	if (ranked.length === 1) return { best: ranked[0].fix, lead: Infinity, margin: 0 };
	const [first, second] = ranked;
	const lead = second.valLoss - first.valLoss;
	// The two losses are measured on the same images, but their SEs are combined as if independent: a conservative margin.
	const margin = 2 * Math.hypot(first.se, second.se);
	return { best: lead > margin ? first.fix : null, lead, margin };
}

/** Standard error of the mean validation loss: rows [from, from + labels.length) of `logProbs` ([rows, CLASSES]). */
export function valLossSE(logProbs: ArrayLike<number>, labels: ArrayLike<number>, from: number, classes: number): number {
	const losses = Float64Array.from(labels, (y, i) => -logProbs[(from + i) * classes + y]);
	return lossSE(losses);
}

/** What a run's curve comes to: its lowest and its final validation loss, each with its SE. */
export interface Reading {
	epoch: number;
	valLoss: number;
	se: number;
}

export interface RunOutcome {
	best: Reading;
	final: Reading;
}

type Point = EpochPoint & { valSE: number };
const reading = (p: Point): Reading => ({ epoch: p.epoch, valLoss: p.valLoss, se: p.valSE });

/** Best and final validation loss of a run (null before its first finite reading). */
export function outcomeOf(points: readonly Point[]): RunOutcome | null {
	const finite = points.filter((p) => Number.isFinite(p.valLoss));
	if (finite.length === 0) return null;
	const best = finite.reduce((a, b) => (b.valLoss < a.valLoss ? b : a));
	return { best: reading(best), final: reading(points.at(-1)!) };
}

/** Early stopping's outcome from the baseline's points: it ends with the restored best weights. */
export function stoppedOutcome(points: readonly Point[], patience: number): (RunOutcome & { stopEpoch: number }) | null {
	const stopped = earlyStop(points, patience);
	if (!stopped) return null;
	const best = reading(points.find((p) => p.epoch === stopped.bestEpoch)!);
	return { best, final: best, stopEpoch: stopped.stopEpoch };
}

/** One reading of several repeats: the mean loss and epoch, with the loss's standard error over the repeats. */
function meanReading(readings: readonly Reading[]): Reading {
	const { mean: valLoss, se } = meanAndSE(readings.map((r) => r.valLoss));
	return { epoch: Math.round(mean(readings, (r) => r.epoch)!), valLoss, se };
}

/**
 * A run repeated over seeds as one outcome: the mean best and final validation loss, each with
 * its standard error over the repeats (two or more; a single run keeps its SE over the
 * validation images, the only spread one run has).
 */
export function meanOutcome(outcomes: readonly RunOutcome[]): RunOutcome {
	if (outcomes.length === 1) return outcomes[0];
	return { best: meanReading(outcomes.map((o) => o.best)), final: meanReading(outcomes.map((o) => o.final)) };
}

/** Repeats' curves as one: at each epoch every repeat has reached, the mean of each reading. */
export function meanCurve<P extends Point>(repeats: readonly (readonly P[])[]): Point[] {
	if (repeats.length === 1) return [...repeats[0]];
	const reached = Math.min(...repeats.map((r) => r.length));
	return Array.from({ length: reached }, (_, i) => {
		const at = repeats.map((r) => r[i]);
		const avg = (f: (p: P) => number) => mean(at, f)!;
		return { epoch: at[0].epoch, trainLoss: avg((p) => p.trainLoss), trainAcc: avg((p) => p.trainAcc), valLoss: avg((p) => p.valLoss), valAcc: avg((p) => p.valAcc), valSE: avg((p) => p.valSE) };
	});
}
