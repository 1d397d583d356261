/**
 * The random feature map in plain TypeScript (float64): the reference the ONNX graph is tested
 * against. Raw features, unscaled: the √(2/p) factor is applied when a model of p features is
 * cut out (see `featureScale`).
 */
import { ENCODING_FREQS, type FeatureParams } from './data';

/** γ(x): cos(kπx/2) for k = 1..K, then sin(kπx/2) for k = 1..K (the ONNX graph's order). */
export function encode(x: number): Float64Array {
	const out = new Float64Array(2 * ENCODING_FREQS);
	for (let k = 1; k <= ENCODING_FREQS; k++) {
		out[k - 1] = Math.cos((k * Math.PI * x) / 2);
		out[ENCODING_FREQS + k - 1] = Math.sin((k * Math.PI * x) / 2);
	}
	return out;
}

/** φ_j(x_i) for every input and the first `count` features, row-major [xs.length, count]. */
export function featureMatrix(xs: ArrayLike<number>, params: FeatureParams, count = params.count): Float64Array {
	const { family, w, b } = params;
	const out = new Float64Array(xs.length * count);
	for (let i = 0; i < xs.length; i++) {
		const g = family === 'relu' ? encode(xs[i]) : null;
		for (let j = 0; j < count; j++) {
			let value: number;
			if (g) {
				let z = 0;
				for (let e = 0; e < g.length; e++) z += g[e] * w[e * params.count + j];
				value = Math.max(0, z);
			} else value = Math.cos(w[j] * xs[i] + b[j]);
			out[i * count + j] = value;
		}
	}
	return out;
}
