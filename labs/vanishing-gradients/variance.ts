/**
 * The variance-propagation prediction for the lab's MLP (figure 4), in the mean-field
 * (infinite-width) picture with zero biases and i.i.d. N(0, s²) weights:
 *
 *   linear layer:  E[z_l] = 0,  Var(z_l) = n_in · s² · E[h_{l−1}²]          (E[x²] = 1 for x ~ N(0, 1))
 *   LayerNorm on:  z̃_l has mean 0 and variance v/(v + 1e-5) ≈ 1 per row, taken as N(0, that)
 *   activation:    E[f(z̃)] and E[f(z̃)²] for z̃ ~ N(0, Var(z̃)), by composite Simpson quadrature
 *                  on [−10, 10] standard deviations (1,000 panels; for ReLU this reproduces the
 *                  exact "halves the second moment" E[relu(z)²] = Var(z)/2)
 *   plain:         E[h_l] = E[f],  E[h_l²] = E[f²]
 *   residual:      E[h_l] = E[h_{l−1}] + E[f],  E[h_l²] = E[h_{l−1}²] + E[f²] + 2·E[h_{l−1}]·E[f]
 *                  (treating h_{l−1} and f(z_l) as independent, which holds as width → ∞)
 *   Var(h_l) = E[h_l²] − E[h_l]².
 *
 * It is a prediction for wide layers averaged over weights; one finite-width draw scatters
 * around it, more so deep in the network.
 */
import { SCALAR_ACTIVATIONS } from './activations';
import type { Activation } from './model';

export interface VarianceOptions {
	act: Activation;
	depth: number;
	width: number;
	/** Standard deviation of the hidden weights (see initStd). */
	weightStd: number;
	residual: boolean;
	norm: boolean;
	/** E[x²] of the input; 1 for the lab's x ~ N(0, 1). */
	inputSecondMoment?: number;
}

export interface VariancePrediction {
	/** Var of the input to f (z̃_l), l = 1..depth. */
	preact: number[];
	/** Var(h_l), l = 1..depth. */
	hidden: number[];
}

const PANELS = 1000;
const RANGE = 10;

/** E[g(z)] for z ~ N(0, variance), by Simpson's rule in units of the standard deviation. */
export function gaussianExpectation(g: (z: number) => number, variance: number): number {
	if (variance <= 0) return g(0);
	const sd = Math.sqrt(variance);
	const n = 2 * PANELS;
	const step = (2 * RANGE) / n;
	let sum = 0;
	for (let k = 0; k <= n; k++) {
		const t = -RANGE + k * step;
		const weight = k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2;
		sum += weight * g(sd * t) * Math.exp(-0.5 * t * t);
	}
	return (sum * step) / 3 / Math.sqrt(2 * Math.PI);
}

export function theoreticalVariance(options: VarianceOptions): VariancePrediction {
	const f = SCALAR_ACTIVATIONS[options.act].f;
	const preact: number[] = [];
	const hidden: number[] = [];
	let mean = 0;
	let second = options.inputSecondMoment ?? 1;
	for (let l = 0; l < options.depth; l++) {
		const vz = options.width * options.weightStd ** 2 * second;
		const v = options.norm ? vz / (vz + 1e-5) : vz;
		const ef = gaussianExpectation(f, v);
		const ef2 = gaussianExpectation((z) => f(z) ** 2, v);
		if (options.residual) {
			second = second + ef2 + 2 * mean * ef;
			mean = mean + ef;
		} else {
			second = ef2;
			mean = ef;
		}
		preact.push(v);
		hidden.push(Math.max(0, second - mean * mean));
	}
	return { preact, hidden };
}
