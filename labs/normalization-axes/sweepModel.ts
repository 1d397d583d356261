/**
 * The batch-size graphs (figure 3), in two parts so that only the cheap one reruns when the
 * reader moves the batch slider:
 *
 * 1. `buildSampleMomentsGraph`: R rows of 64 samples each, xb [R, 64, C, S] (channel-first), to
 *    every sample's per-channel mean and variance over its positions, [R, 64, C]. This is the
 *    heavy pass (millions of values) and depends only on the data.
 * 2. `buildBatchStatsGraph`: a batch of size B is the first B samples of a row. With weights W
 *    [n, 64] (row i holds 1/B_i on the first B_i slots), BatchNorm's training statistics of
 *    every row at every batch size are W·m and, by the law of total variance,
 *    W·(v + (m − W·m)²): exactly the mean and variance over the B_i·S values. Slot 0 of each
 *    row, x0 [R, C, S], is then normalized three ways by the standard operators: BatchNorm
 *    with each batch's statistics (training mode), BatchNorm with running statistics (test mode),
 *    and LayerNorm; the means LayerNorm and GroupNorm use for it come out too.
 *
 * Training-mode BatchNorm of x0 with R·n different statistics is one BatchNormalization node:
 * x0 is repeated to [R, n, C, S] and folded to [1, R·n·C, S], so each (row, size, channel) is a
 * channel of its own.
 */
import { GraphBuilder } from '$lib/onnx/graph';
import type { Layout } from './axes';
import { filled, groupNormComposed, moments } from './composed';
import { NORM_OPSET } from './model';
import { ROW_SLOTS as SLOTS } from './sweep';

export const SAMPLE_MOMENTS = { mean: 'sample_mean', variance: 'sample_var' } as const;

export function buildSampleMomentsGraph(rows: number, channels: number, spatial: number): Uint8Array {
	const g = new GraphBuilder('sample_moments', { opset: NORM_OPSET });
	const xb = g.input('xb', [rows, SLOTS, channels, spatial]);
	// The reduction runs along the last (contiguous) axis: the fast direction for the runtime.
	const { mean, variance } = moments(g, xb, [3]);
	g.output(g.reshape(mean, [rows, SLOTS, channels]), SAMPLE_MOMENTS.mean);
	g.output(g.reshape(variance, [rows, SLOTS, channels]), SAMPLE_MOMENTS.variance);
	return g.toBytes();
}

export interface BatchStatsSpec {
	layout: Layout;
	rows: number;
	/** How many batch sizes (rows of W). */
	sizes: number;
	channels: number;
	spatial: number;
	groups: number;
	eps: number;
}

export const BATCH_STATS = {
	batchMean: 'bn_mean',
	batchVar: 'bn_var',
	train: 'y_train',
	running: 'y_running',
	layer: 'y_layer',
	layerMean: 'ln_mean',
	groupMean: 'gn_mean'
} as const;

export function buildBatchStatsGraph(spec: BatchStatsSpec): Uint8Array {
	const { layout, rows: r, sizes: n, channels: c, spatial: s, groups, eps } = spec;
	const g = new GraphBuilder(`batch_stats_${layout}`, { opset: NORM_OPSET });
	const m = g.input(SAMPLE_MOMENTS.mean, [r, SLOTS, c]);
	const v = g.input(SAMPLE_MOMENTS.variance, [r, SLOTS, c]);
	const w = g.input('weights', [n, SLOTS]);
	const x0 = g.input('x0', [r, c, s]);
	const runMean = g.input('running_mean', [c]);
	const runVar = g.input('running_var', [c]);
	const O = BATCH_STATS;
	const ones = filled(g, 1, [c]);
	const zeros = filled(g, 0, [c]);

	// Batch mean of every row at every size: [n, 64] · [r, 64, c] → [r, n, c].
	const batchMean = g.matMul(w, m);
	// Batch variance: weighted mean over the slots of (within-sample variance + squared offset).
	const offset = g.sub(g.unsqueeze(m, [1]), g.unsqueeze(batchMean, [2])); // [r, n, 64, c]
	const spread = g.add(g.mul(offset, offset), g.unsqueeze(v, [1]));
	const batchVar = g.reduceSum(g.mul(spread, g.reshape(w, [1, n, SLOTS, 1])), [2], false); // [r, n, c]
	g.output(batchMean, O.batchMean);
	g.output(batchVar, O.batchVar);

	// Slot 0 once per batch size, each (row, size, channel) a channel of its own.
	const repeated = g.mul(g.unsqueeze(x0, [1]), filled(g, 1, [1, n, 1, 1])); // [r, n, c, s]
	const folded = g.reshape(repeated, [1, r * n * c, s]);
	const flat = r * n * c;
	const train = g.batchNormalization(folded, filled(g, 1, [flat]), filled(g, 0, [flat]), g.reshape(batchMean, [flat]), g.reshape(batchVar, [flat]), eps);
	g.output(g.reshape(train, [r, n, c, s]), O.train);
	g.output(g.batchNormalization(x0, ones, zeros, runMean, runVar, eps), O.running);

	if (layout === 'image') {
		g.output(g.layerNormalization(x0, filled(g, 1, [c, s]), filled(g, 0, [c, s]), 1, eps), O.layer);
		g.output(g.reshape(g.reduceMean(x0, [1, 2]), [r]), O.layerMean);
	} else {
		// Sequences: LayerNorm per token, over the features of slot 0's token t.
		const tokens = g.transpose(x0, [0, 2, 1]);
		g.output(g.transpose(g.layerNormalization(tokens, ones, zeros, -1, eps), [0, 2, 1]), O.layer);
		g.output(g.reshape(g.reduceMean(x0, [1]), [r, s]), O.layerMean);
	}
	g.output(g.reshape(groupNormComposed(g, x0, ones, zeros, groups, eps).mean, [r, groups]), O.groupMean);
	return g.toBytes();
}
