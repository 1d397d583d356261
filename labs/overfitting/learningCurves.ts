/**
 * Figure 5's maths: the network trained on n images for each n of CURVE_NS, at the page's width
 * and at a quarter of it, read once at the end of training: training and validation error, and
 * the validation error's standard error (over the 1000 validation images, or over the repeats
 * when the seeds control asks for several).
 */
import { accuracySE } from './curves';
import { widthAfter } from './fixes';
import { N_VAL } from './glyphs';
import { meanAndSE } from './repeats';

/** The training-set sizes figure 5 trains on: the n control's range, one octave apart. */
export const CURVE_NS = [32, 64, 128, 256, 512, 1024, 2048] as const;

/** The two widths figure 5 compares: the page's, and a quarter of it (at least 2 units). */
export const curveWidths = (width: number): [number, number] => [width, widthAfter(['small'], width)];

/** The runs in the order they train: smallest n first (quick points land early), both widths at each n. */
export const curveRuns = (width: number) => CURVE_NS.flatMap((n) => curveWidths(width).map((w) => ({ n, width: w })));

/** Every run of a sweep repeated over `seeds` seeds: each (n, width) of curveRuns `seeds` times, the k-th from seed + k. */
export const curveRepeats = (width: number, seeds: number) => curveRuns(width).flatMap((r) => Array.from({ length: seeds }, (_, k) => ({ ...r, repeat: k })));

/** One run's end of training. */
export interface CurvePoint {
	n: number;
	width: number;
	trainError: number;
	valError: number;
	/** Standard error of the validation error, √(e(1 − e)/1000). */
	valSE: number;
}

export const curvePoint = (n: number, width: number, trainAcc: number, valAcc: number): CurvePoint => ({
	n,
	width,
	trainError: 1 - trainAcc,
	valError: 1 - valAcc,
	valSE: accuracySE(valAcc, N_VAL)
});

/** Validation minus training error: the gap that more data closes. */
export const curveGap = (p: CurvePoint) => p.valError - p.trainError;

/**
 * Repeats of one (n, width) as one point: the mean errors, and the validation error's standard
 * error over the repeats (two or more; one run keeps its SE over the validation images).
 */
export function meanPoint(points: readonly CurvePoint[]): CurvePoint {
	if (points.length === 1) return points[0];
	const val = meanAndSE(points.map((p) => p.valError));
	return { n: points[0].n, width: points[0].width, trainError: meanAndSE(points.map((p) => p.trainError)).mean, valError: val.mean, valSE: val.se };
}
