/**
 * Normalizations composed from primitive ONNX operators (ReduceMean, Sub, Mul, Div, Sqrt,
 * Reshape). Three uses:
 *
 * - GroupNorm: ORT 1.30 has no GroupNormalization kernel on either backend: the WASM (CPU)
 *   provider inlines the ONNX function body (29 nodes for one op) and the WebGPU provider does
 *   the same with two of those nodes (int64 shape arithmetic) placed on the CPU. So the lab
 *   composes GroupNorm itself (reshape to [N, G, rest], normalize the last axis, reshape back):
 *   the same numbers, every node on one device, and the group statistics come out of the very
 *   nodes that use them. The tests hold it to the standard operator.
 * - LayerNorm and RMSNorm: both have kernels on WASM and WebGPU, so the lab runs the standard
 *   operators; these compositions are the fallback a runtime without them would need, and the
 *   graphs whose operations per element figure 5 counts.
 * - `moments`: the statistics every model outputs next to its normalized tensor.
 */
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';

/**
 * Mean and (population) variance over `axes`, kept as size-1 dims so they broadcast back, and
 * x − mean, which a normalization reuses.
 */
export function moments(g: GraphBuilder, x: Tensor, axes: readonly number[]): { mean: Tensor; variance: Tensor; centred: Tensor } {
	const mean = g.reduceMean(x, axes);
	const centred = g.sub(x, mean);
	return { mean, variance: g.reduceMean(g.mul(centred, centred), axes), centred };
}

/** A float32 constant filled with one value. */
export function filled(g: GraphBuilder, value: number, shape: readonly number[]): Tensor {
	const size = shape.reduce((p, d) => p * d, 1);
	return g.constant(new Float32Array(size).fill(value), shape);
}

/**
 * GroupNorm on channel-first x [N, C, ...rest] (numeric dims): channels split into `groups`
 * groups, each (sample, group) normalized over its channels and positions; per-channel γ, β.
 * Returns y and the statistics it used, shaped [N, G, 1].
 */
export function groupNormComposed(
	g: GraphBuilder,
	x: Tensor,
	scale: Tensor,
	bias: Tensor,
	groups: number,
	eps: number
): { y: Tensor; mean: Tensor; variance: Tensor } {
	const dims = x.shape.map((d) => {
		if (typeof d !== 'number') throw new Error(`groupNormComposed: symbolic dim ${d}`);
		return d;
	});
	const [n, c, ...rest] = dims;
	if (c % groups !== 0) throw new Error(`groupNormComposed: ${groups} groups do not divide ${c} channels`);
	const grouped = g.reshape(x, [n, groups, -1]);
	const { mean, variance, centred } = moments(g, grouped, [2]);
	const normalized = g.reshape(g.div(centred, g.sqrt(g.add(variance, eps))), dims);
	// γ and β are per channel: [C] → [C, 1, …] so they broadcast over the positions.
	const perChannel = (t: Tensor) => g.reshape(t, [c, ...rest.map(() => 1)]);
	return { y: g.add(g.mul(normalized, perChannel(scale)), perChannel(bias)), mean, variance };
}

/** LayerNorm over the last axis: (x − mean)/√(var + ε)·γ + β. */
export function layerNormComposed(g: GraphBuilder, x: Tensor, scale: Tensor, bias: Tensor, eps: number): Tensor {
	const { variance, centred } = moments(g, x, [-1]);
	return g.add(g.mul(g.div(centred, g.sqrt(g.add(variance, eps))), scale), bias);
}

/** RMSNorm over the last axis: x/√(mean(x²) + ε)·γ. No mean, no subtraction, no bias. */
export function rmsNormComposed(g: GraphBuilder, x: Tensor, scale: Tensor, eps: number): Tensor {
	const meanSquare = g.reduceMean(g.mul(x, x), [-1]);
	return g.mul(g.div(x, g.sqrt(g.add(meanSquare, eps))), scale);
}
