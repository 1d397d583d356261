/** The rate and momentum sweeps of figure 2: which rows the steps graph runs, and their settings. */
import type { Hyper } from './optimizersList';
import { hbBestEta } from './rates';
import type { RowSpec } from './run';

export const SWEEP_POINTS = 24;
/** Steps of every sweep run; the rate is measured over the second half. */
export const SWEEP_STEPS = 200;
/** GD's rates: up to 2.2/L, past the edge of stability at 2/L. */
export const sweepEtas = () => Array.from({ length: SWEEP_POINTS }, (_, i) => (2.2 * (i + 1)) / SWEEP_POINTS);
/** Heavy ball's momenta, at its best rate η*. */
export const sweepBetas = () => Array.from({ length: SWEEP_POINTS }, (_, i) => (0.96 * i) / (SWEEP_POINTS - 1));

export function sweepRows(kappa: number, start: readonly [number, number]): RowSpec[] {
	const base: Hyper = { lr: 0, alr: 0, beta: 0, beta2: 0.999, wd: 0 };
	const eta = hbBestEta(kappa);
	return [
		...sweepEtas().map((lr) => ({ kind: 'sgd' as const, hyper: { ...base, lr }, start })),
		...sweepBetas().map((beta) => ({ kind: 'momentum' as const, hyper: { ...base, lr: eta, beta }, start }))
	];
}
