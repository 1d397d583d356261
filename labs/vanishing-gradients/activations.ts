/**
 * The lab's activations and their derivatives as plain float64 functions: the TypeScript
 * reference for the ONNX graph, the variance prediction, and figure 3's f(z), f'(z) curves.
 * No DOM, no ONNX.
 */
import type { Activation } from './model';
import { normalCdf, normalPdf } from '$lib/normal';

export const LEAKY_RELU_ALPHA = 0.01;

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
