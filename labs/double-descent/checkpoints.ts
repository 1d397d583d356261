/**
 * The double-descent checkpoints (cards in lab.ts). Each `solve` runs the lab's own sweep engine
 * (engine.ts: the SVD fits behind every curve) on random Fourier features, whose tables the page
 * computes in float64 without a model (float64Features.ts), so a checkpoint's answer is the curve
 * the figure draws for the asked settings.
 */
import type { Checkpoint } from '$lib/practice/types';
import type { StateOf } from '$lib/state/schema';
import { formatNumber, powerOfTenInWords } from '$lib/format';
import type { DdSchema } from './lab';
import type { Curves } from './summary';
import type { FitStats } from './curves';

type DdResults = { ps: number[]; curves: Curves };

type DdState = StateOf<DdSchema>;
type DdCheckpoint = Checkpoint<DdState>;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

/** The settings every checkpoint here asks at: ridgeless, Fourier features (tables in float64), two seeds. */
const base = (random: () => number): Partial<DdState> => ({
	features: 'fourier',
	lambda: 0,
	seeds: 2,
	target: 'sine',
	noise: 0.3,
	n: pick([20, 30, 40], random),
	seed: 1 + Math.floor(random() * 999)
});

/** The curves the figures draw along p, for `state`: the engine's fits (sweep.ts, curves.ts) on float64 feature tables. */
export async function sweep(state: DdState): Promise<{ ps: number[]; curves: Curves }> {
	const [{ float64FeatureTable }, { fitsAlongP, pGrid }, { linearPieces, statsAt }, { drawTraining, testGrid }, { evaluateTarget, targetFn }, { summarizeCurves }] =
		await Promise.all([import('./float64Features'), import('./sweep'), import('./curves'), import('./data'), import('./targets'), import('./summary')]);
	const { n, noise, lambda, seed } = state;
	const ps = pGrid(n);
	const truth = evaluateTarget(state.target, testGrid());
	const f = targetFn(state.target);
	const rows: FitStats[][] = [];
	for (let k = 0; k < state.seeds; k++) {
		// The labels as the engine draws them: noise-free values and unit noise, scaled by the noise level.
		const draw = drawTraining(seed, k);
		const clean = Float64Array.from(draw.x.subarray(0, n), f);
		const unit = draw.noise.slice(0, n);
		const row: FitStats[] = [];
		for (const fit of fitsAlongP(float64FeatureTable(state.features, seed, k, n), n, ps)) {
			row.push(statsAt(linearPieces(fit, clean, unit, lambda), clean, unit, noise, truth));
			// Yield between fits: the page stays responsive while the answer is computed.
			await new Promise((resolve) => setTimeout(resolve, 0));
		}
		rows.push(row);
	}
	return { ps, curves: summarizeCurves(rows) };
}

const at = (r: DdResults, p: number) => r.ps.indexOf(p);

export const peak: DdCheckpoint = {
	id: 'peak',
	settings: (random) => ({ ...base(random), p: 40 }),
	prompt: (s) =>
		`Ridgeless least squares on p random Fourier features, n = ${s.n} training points, label noise ${s.noise}: drag the marker to the model size p where the test error peaks.`,
	answer: (s) => ({ kind: 'marker', figure: 'curve', axis: 'x', scale: 'log', tolerance: 1.25, min: 1, max: 20 * s.n }),
	async solve(state) {
		const r = await sweep(state);
		const errors = r.curves.testError;
		const i = errors.indexOf(Math.max(...errors));
		const p = r.ps[i];
		const half = errors[at(r, state.n / 2)];
		return {
			expected: { kind: 'marker', value: p },
			shown: `p = ${p} (n = ${state.n})`,
			explanation:
				`The test error peaks at ${formatNumber(errors[i])} for p = ${p}, against ${formatNumber(half)} at p = ${state.n / 2}. ` +
				`At p = n the square feature matrix is barely invertible: the one interpolating fit needs huge weights along its smallest singular directions, and the noise in the labels is blown up with them.`
		};
	}
};

const TRAIN_OPTIONS = [
	{ id: 'zero', label: 'Zero: the fit passes through every point' },
	{ id: 'noise', label: 'About the label noise variance' },
	{ id: 'large', label: 'Larger than at p = n' }
] as const;

export const trainPastThreshold: DdCheckpoint = {
	id: 'train-past-threshold',
	settings: (random) => ({ ...base(random), p: 80 }),
	prompt: (s) =>
		`Ridgeless least squares on random Fourier features, n = ${s.n} points, label noise ${s.noise}, now with p = ${2 * s.n} features (past the threshold p = n): what is its training error?`,
	answer: () => ({ kind: 'choice', options: TRAIN_OPTIONS }),
	async solve(state) {
		const r = await sweep(state);
		const i = at(r, 2 * state.n);
		const train = r.curves.trainError[i];
		const atThreshold = r.curves.trainError[at(r, state.n)];
		const id = train < 1e-6 * state.noise ** 2 ? 'zero' : train > atThreshold ? 'large' : 'noise';
		return {
			expected: { kind: 'choice', id },
			shown: `${TRAIN_OPTIONS.find((o) => o.id === id)!.label} (${formatNumber(train)})`,
			explanation:
				`At p = ${2 * state.n} the training error is ${formatNumber(train)}, rounding noise against a label noise variance of ${formatNumber(state.noise ** 2)}. ` +
				`With more features than points the system Φθ = y has infinitely many exact solutions, and the minimum-norm one is the one drawn; past p = n the test error falls again while the training error stays at zero.`
		};
	}
};

export const normRatio: DdCheckpoint = {
	id: 'norm-ratio',
	settings: (random) => ({ ...base(random), p: 40 }),
	prompt: (s) =>
		`Ridgeless least squares on random Fourier features, n = ${s.n} points: the norm ‖θ̂‖ of the minimum-norm fit at p = n is how many times its norm at p = ${10 * s.n}? (Powers of ten: 10^2, 1e3…)`,
	answer: () => ({ kind: 'number', scale: 'log', tolerance: 3 }),
	async solve(state) {
		const r = await sweep(state);
		const atN = r.curves.thetaNorm[at(r, state.n)];
		const wide = r.curves.thetaNorm[at(r, 10 * state.n)];
		const ratio = atN / wide;
		const sigma = r.curves.sigmaMin[at(r, state.n)];
		return {
			expected: { kind: 'number', value: ratio },
			shown: `${formatNumber(ratio)} (about ${powerOfTenInWords(Math.round(Math.log10(ratio) * 10) / 10)})`,
			explanation:
				`‖θ̂‖ is ${formatNumber(atN)} at p = ${state.n} and ${formatNumber(wide)} at p = ${10 * state.n}. ` +
				`θ̂ = Σ (uᵢᵀy / sᵢ) vᵢ, and at p = n the smallest singular value sᵢ of Φ is only ${formatNumber(sigma)}: dividing by it is what makes the norm, and the test error, spike.`
		};
	}
};

const checkpoints: DdCheckpoint[] = [peak, trainPastThreshold, normRatio];
export default checkpoints;
