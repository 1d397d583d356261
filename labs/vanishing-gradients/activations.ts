/**
 * The lab's activations and their derivatives as plain float64 functions: the TypeScript
 * reference for the ONNX graph, the variance prediction, and figure 3's f(z), f'(z) curves.
 * No DOM, no ONNX.
 */
import type { Activation } from './model';

export const LEAKY_RELU_ALPHA = 0.01;

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x) to ~1e-14: the Maclaurin series where it converges without cancellation (|x| < 2.5),
 * and for larger |x| the classic continued fraction of erfc,
 *   erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
 * evaluated bottom-up with a fixed number of terms.
 */
export function erf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	const ax = Math.abs(x);
	if (ax < 2.5) {
		const x2 = x * x;
		let term = x; // (−1)^n x^(2n+1) / n!
		let sum = x;
		for (let n = 1; n < 100; n++) {
			term *= -x2 / n;
			const next = term / (2 * n + 1);
			sum += next;
			if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
		}
		return TWO_OVER_SQRT_PI * sum;
	}
	if (ax > 6) return Math.sign(x); // erfc(6) ≈ 2e-17: below double precision next to 1
	let frac = ax;
	for (let k = 120; k >= 1; k--) frac = ax + k / 2 / frac;
	const erfc = Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * frac);
	return Math.sign(x) * (1 - erfc);
}

/** Standard normal CDF Φ and density φ. */
export const normalCdf = (z: number): number => 0.5 * (1 + erf(z * Math.SQRT1_2));
export const normalPdf = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export interface ScalarActivation {
	f(z: number): number;
	df(z: number): number;
}

export const SCALAR_ACTIVATIONS: Record<Activation, ScalarActivation> = {
	sigmoid: {
		f: sigmoid,
		// σ computed once (the same value twice before): this runs per pre-activation on each redraw.
		df: (z) => {
			const s = sigmoid(z);
			return s * (1 - s);
		}
	},
	tanh: { f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2 },
	// At z = 0 both ReLUs take the left slope, as the ONNX graph's Greater(z, 0) does.
	relu: { f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) },
	leaky_relu: {
		f: (z) => (z > 0 ? z : LEAKY_RELU_ALPHA * z),
		df: (z) => (z > 0 ? 1 : LEAKY_RELU_ALPHA)
	},
	gelu: { f: (z) => z * normalCdf(z), df: (z) => normalCdf(z) + z * normalPdf(z) }
};
