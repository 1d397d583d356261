/**
 * What the lab hands its figures (`DdResults`: plain numbers and arrays, so the page's test hook
 * can compare backends), and how per-replicate fit summaries become those curves. Pure.
 */
import type { FeatureFamily } from './data';
import type { TargetId } from './targets';
import { geometricMean, mean, type FitSummary } from './curves';

/** Curves against a list of sizes (model sizes p, or training-set sizes n). */
export interface Curves {
	/** Seed-averaged test error (against the true function), train error (on the noisy labels). */
	testError: number[];
	trainError: number[];
	/** Geometric means over seeds of ‖θ̂‖ and of the smallest nonzero singular value of Φ. */
	thetaNorm: number[];
	sigmaMin: number[];
	/** Expected test error over the label noise, split into bias² and variance (seed-averaged). */
	bias2: number[];
	variance: number[];
}

/** The fit of the data seed's first replicate at the selected p (figure 2). */
export interface SelectedFit {
	p: number;
	/** Test grid, true function on it, and the fit on it. */
	x: number[];
	truth: number[];
	yHat: number[];
	trainX: number[];
	trainY: number[];
	testError: number;
	trainError: number;
	thetaNorm: number;
	sigmaMin: number;
}

export interface Knobs {
	/** Test error against p for several label-noise levels (at the current λ). */
	noise: { levels: number[]; testError: number[][] };
	/** Test error against p for several ridge strengths (at the current noise). */
	ridge: { lambdas: number[]; testError: number[][] };
	/** The λ with the lowest test error averaged over every p (see `bestLambdaIndex`). */
	bestLambda: number;
	/** Sample-wise: a fixed model of p features against the number of training points; null when p > N_MAX. */
	sampleWise: { p: number; ns: number[]; testError: number[]; trainError: number[] } | null;
}

export interface DdResults {
	family: FeatureFamily;
	target: TargetId;
	n: number;
	noise: number;
	lambda: number;
	/** Seeds asked for, and seeds averaged into the curves so far. */
	seeds: number;
	replicates: number;
	/** False while the sweep is still streaming in. */
	complete: boolean;
	/** Model sizes of the curves (a prefix of the sweep's while the first seed streams in). */
	ps: number[];
	curves: Curves;
	fit: SelectedFit;
	/** Figure 4's curves; only in complete results. */
	knobs: Knobs | null;
	/**
	 * Raw outputs of the ONNX feature graph for the first seed at a few fixed (input, feature)
	 * positions: the model's own numbers, for comparing backends. (Everything above follows from
	 * them; near p = n the fit multiplies any difference in Φ by about 1/σ_min, which is why the
	 * graph avoids WebGPU's loose Cos/Sin, see trigNodes.ts.)
	 */
	featureCheck: number[];
}

/** Averages per-replicate stats ([replicate][size]) into curves; all replicates cover every size. */
export function summarizeCurves(stats: readonly FitSummary[][]): Curves {
	const sizes = stats[0]?.length ?? 0;
	const at = (i: number) => stats.map((replicate) => replicate[i]);
	const indices = Array.from({ length: sizes }, (_, i) => i);
	return {
		testError: indices.map((i) => mean(at(i).map((s) => s.testMse))),
		trainError: indices.map((i) => mean(at(i).map((s) => s.trainMse))),
		thetaNorm: indices.map((i) => geometricMean(at(i).map((s) => s.thetaNorm))),
		sigmaMin: indices.map((i) => geometricMean(at(i).map((s) => s.sigmaMin))),
		bias2: indices.map((i) => mean(at(i).map((s) => s.bias2))),
		variance: indices.map((i) => mean(at(i).map((s) => s.variance)))
	};
}
