/**
 * The lab's main ONNX graph: the shown tensor normalized by all five methods at once, each with
 * the statistics it used. One graph for all methods means switching method never builds or loads
 * a model; at the default sizes the whole graph is ~2 000 values × 5.
 *
 * Standard operators (opset 23): BatchNormalization (inference form, fed the batch statistics
 * computed here: exactly what training mode does), InstanceNormalization, LayerNormalization,
 * RMSNormalization. GroupNorm is composed (see composed.ts for why) unless `groupNorm:
 * 'operator'` asks for GroupNormalization, which the tests use to check the two agree.
 *
 * Outputs, per method m: `y_m` (stored shape), `mean_m` and `var_m` in the group order of
 * `grouping()` (axes.ts); RMSNorm also `ms_rms`, the mean square it divides by. γ = 1, β = 0.
 */
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { grouping, METHODS, type Layout, type Method, type Shape3 } from './axes';
import { filled, groupNormComposed, moments } from './composed';

/** RMSNormalization arrived in opset 23; the other operators are older. */
export const NORM_OPSET = 23;

export interface NormGraphSpec {
	layout: Layout;
	/** Stored order: [N, C, S] or [B, T, D]. */
	shape: Shape3;
	/** GroupNorm's G (divides the channel count). */
	groups: number;
	eps: number;
	groupNorm?: 'composed' | 'operator';
}

export const normOutput = (method: Method) => ({ y: `y_${method}`, mean: `mean_${method}`, variance: `var_${method}` });
export const RMS_MEAN_SQUARE = 'ms_rms';

export function buildNormGraph(spec: NormGraphSpec): Uint8Array {
	const { layout, shape, groups, eps } = spec;
	const g = new GraphBuilder(`normalization_${layout}`, { opset: NORM_OPSET });
	const x = g.input('x', [...shape]);
	// BatchNorm, InstanceNorm and GroupNorm read axis 1 as the channel: sequences go to [B, D, T].
	const channelFirst = layout === 'image' ? x : g.transpose(x, [0, 2, 1]);
	const stored = (t: Tensor) => (layout === 'image' ? t : g.transpose(t, [0, 2, 1]));
	const c = channelFirst.shape[1] as number;
	const ones = filled(g, 1, [c]);
	const zeros = filled(g, 0, [c]);
	const emit = (method: Method, y: Tensor, mean: Tensor, variance: Tensor) => {
		const names = normOutput(method);
		const statsShape = grouping(layout, method, shape, groups).statsShape;
		g.output(y, names.y);
		g.output(g.reshape(mean, statsShape), names.mean);
		g.output(g.reshape(variance, statsShape), names.variance);
	};

	for (const method of METHODS) {
		if (method === 'batch') {
			// Training-mode BatchNorm: this batch's statistics, per channel, fed to the operator.
			const { mean, variance } = moments(g, channelFirst, [0, 2]);
			const m = g.reshape(mean, [c]);
			const v = g.reshape(variance, [c]);
			emit(method, stored(g.batchNormalization(channelFirst, ones, zeros, m, v, eps)), m, v);
		} else if (method === 'instance') {
			const { mean, variance } = moments(g, channelFirst, [2]);
			emit(method, stored(g.instanceNormalization(channelFirst, ones, zeros, eps)), mean, variance);
		} else if (method === 'group') {
			const composed = groupNormComposed(g, channelFirst, ones, zeros, groups, eps);
			const y = spec.groupNorm === 'operator' ? g.groupNormalization(channelFirst, ones, zeros, groups, eps) : composed.y;
			emit(method, stored(y), composed.mean, composed.variance);
		} else {
			// Layer and RMS normalize a suffix: (C, S) of a sample, or the D features of a token.
			const axis = layout === 'image' ? 1 : 2;
			const axes = layout === 'image' ? [1, 2] : [2];
			const suffix = shape.slice(axis);
			const { mean, variance } = moments(g, x, axes);
			if (method === 'layer') emit(method, g.layerNormalization(x, filled(g, 1, suffix), filled(g, 0, suffix), axis, eps), mean, variance);
			else {
				emit(method, g.rmsNormalization(x, filled(g, 1, suffix), axis, eps), mean, variance);
				g.output(g.reshape(g.reduceMean(g.mul(x, x), axes), grouping(layout, method, shape, groups).statsShape), RMS_MEAN_SQUARE);
			}
		}
	}
	return g.toBytes();
}
