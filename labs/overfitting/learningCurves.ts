/**
 * Figure 5's maths: the network trained on n images for each n of CURVE_NS, at the page's width
 * and at a quarter of it, read once at the end of training: training and validation error, and
 * the validation error's standard error over the 1000 validation images.
 */
import { accuracySE } from './curves';
import { N_VAL } from './glyphs';

/** The training-set sizes figure 5 trains on: the n control's range, one octave apart. */
export const CURVE_NS = [32, 64, 128, 256, 512, 1024, 2048] as const;

/** The two widths figure 5 compares: the page's, and a quarter of it (at least 2 units). */
export const curveWidths = (width: number): [number, number] => [width, Math.max(2, Math.round(width / 4))];

/** The runs in the order they train: smallest n first (quick points land early), both widths at each n. */
export const curveRuns = (width: number) => CURVE_NS.flatMap((n) => curveWidths(width).map((w) => ({ n, width: w })));

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
