/**
 * The padding graph (figure 4): a zero-padded batch of sequences [B, T, D] normalized three ways,
 * next to the same valid tokens packed with no padding [V, D]:
 *
 * - BatchNorm with statistics over every (b, t), padding included (what a plain BatchNorm1d does);
 * - BatchNorm with masked statistics: sums over valid tokens only, divided by their count;
 * - LayerNorm per token.
 *
 * The packed tokens are the ground truth: BatchNorm on them is what masking should reproduce,
 * and LayerNorm on them must equal LayerNorm on the padded batch token by token. V is symbolic,
 * so one session serves any set of lengths.
 */
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { filled, moments } from './composed';
import { NORM_OPSET } from './model';

export const PADDING_OUTPUTS = {
	meanUnmasked: 'mean_unmasked',
	varUnmasked: 'var_unmasked',
	meanMasked: 'mean_masked',
	varMasked: 'var_masked',
	meanPacked: 'mean_packed',
	varPacked: 'var_packed',
	bnUnmasked: 'y_bn_unmasked',
	bnMasked: 'y_bn_masked',
	layer: 'y_ln',
	bnPacked: 'y_bn_packed',
	layerPacked: 'y_ln_packed'
} as const;

export function buildPaddingGraph(shape: readonly [number, number, number], eps: number): Uint8Array {
	const [b, t, d] = shape;
	const g = new GraphBuilder('padding', { opset: NORM_OPSET });
	const x = g.input('x', [b, t, d]);
	const mask = g.input('mask', [b, t]);
	const packed = g.input('packed', ['tokens', d]);
	const ones = filled(g, 1, [d]);
	const zeros = filled(g, 0, [d]);
	const O = PADDING_OUTPUTS;

	// BatchNorm on sequences: every (b, t) is one row, each feature one channel.
	const rows = g.reshape(x, [b * t, d]);
	const valid = g.reshape(mask, [b * t, 1]);
	const plain = moments(g, rows, [0]);

	const count = g.reduceSum(valid, [0]);
	const maskedMean = g.div(g.reduceSum(g.mul(rows, valid), [0]), count);
	const deviation = g.mul(g.sub(rows, maskedMean), valid);
	const maskedVar = g.div(g.reduceSum(g.mul(deviation, deviation), [0]), count);

	const truth = moments(g, packed, [0]);
	const vec = (t: Tensor) => g.reshape(t, [d]);
	const stats = {
		unmasked: { mean: vec(plain.mean), variance: vec(plain.variance) },
		masked: { mean: vec(maskedMean), variance: vec(maskedVar) },
		packed: { mean: vec(truth.mean), variance: vec(truth.variance) }
	};
	g.output(stats.unmasked.mean, O.meanUnmasked);
	g.output(stats.unmasked.variance, O.varUnmasked);
	g.output(stats.masked.mean, O.meanMasked);
	g.output(stats.masked.variance, O.varMasked);
	g.output(stats.packed.mean, O.meanPacked);
	g.output(stats.packed.variance, O.varPacked);

	const batchNorm = (input: Tensor, s: { mean: Tensor; variance: Tensor }) =>
		g.batchNormalization(input, ones, zeros, s.mean, s.variance, eps);
	g.output(g.reshape(batchNorm(rows, stats.unmasked), [b, t, d]), O.bnUnmasked);
	g.output(g.reshape(batchNorm(rows, stats.masked), [b, t, d]), O.bnMasked);
	g.output(g.layerNormalization(x, ones, zeros, -1, eps), O.layer);
	g.output(batchNorm(packed, stats.packed), O.bnPacked);
	g.output(g.layerNormalization(packed, ones, zeros, -1, eps), O.layerPacked);
	return g.toBytes();
}
