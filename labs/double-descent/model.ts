/**
 * The lab's ONNX graphs: the random feature maps, one graph per family, opset 17.
 *
 *   relu:     φ(x) = relu(γ(x) W),       γ(x) = [cos(kπx/2)…, sin(kπx/2)…],  k = 1..8
 *   fourier:  φ(x) = cos(x W + b)
 *
 * Both take x as [rows, 1] and the weights as graph INPUTS with a symbolic feature dim, so one
 * graph per family serves every seed, every n and every p: the browser runs it once per replicate
 * on all candidate training inputs and the test grid, for the largest p of the sweep, and a model
 * of p features is the first p columns (the sweep scales them by √(2/p)). Only the encoding's
 * frequencies are constants of the graph.
 *
 * The cosines and sines are polynomial nodes, not ONNX's Cos/Sin (see trigNodes.ts): on WebGPU
 * those are only accurate to 2⁻¹¹, and the lab's fits amplify feature differences near p = n.
 */
import { GraphBuilder } from '$lib/onnx/graph';
import { ENCODING_DIM, ENCODING_FREQS, type FeatureFamily } from './data';
import { cosAny, cosSinSmall, multiples } from './trigNodes';

export const FEATURE_INPUTS = { x: 'x', w: 'w', b: 'b' } as const;
export const FEATURE_OUTPUT = 'phi';

/** Symbolic dims: the rows fed (training inputs then test grid) and the features drawn. */
const ROWS = 'rows';
const FEATURES = 'features';

/** Graph input shapes per family (for feeding): b exists only for Fourier features. */
export function featureInputDims(family: FeatureFamily, rows: number, features: number): Record<string, number[]> {
	return family === 'relu'
		? { x: [rows, 1], w: [ENCODING_DIM, features] }
		: { x: [rows, 1], w: [1, features], b: [features] };
}

export function buildFeatureGraph(family: FeatureFamily): Uint8Array {
	const g = new GraphBuilder(`dd_${family}_features`);
	const x = g.input(FEATURE_INPUTS.x, [ROWS, 1]);
	if (family === 'relu') {
		const w = g.input(FEATURE_INPUTS.w, [ENCODING_DIM, FEATURES]);
		// θ = πx/2 stays within [−π/2, π/2]; the k-th frequency is kθ, by angle addition.
		const base = cosSinSmall(g, g.mul(x, Math.PI / 2));
		const { cos, sin } = multiples(g, base, ENCODING_FREQS);
		const encoding = g.concat([...cos, ...sin], 1); // [rows, 16]
		g.output(g.relu(g.matMul(encoding, w)), FEATURE_OUTPUT);
	} else {
		const w = g.input(FEATURE_INPUTS.w, [1, FEATURES]);
		const b = g.input(FEATURE_INPUTS.b, [FEATURES]);
		g.output(cosAny(g, g.add(g.matMul(x, w), b)), FEATURE_OUTPUT);
	}
	return g.toBytes();
}
