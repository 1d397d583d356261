/**
 * Runs the lab's ONNX models for one state and turns their outputs into the numbers the figures
 * draw. Graphs are built in the browser by the same builder the tests pin, once per shape (and
 * G, ε), and their sessions cached by the runtime. Three runs per change at the default sizes:
 *
 * - the main graph (all five methods on the shown tensor);
 * - the padding graph (the sequence view of the same sizes, figure 4);
 * - the batch-size sweep (figure 3), two graphs over 8 192 drawn samples: the heavy pass (every
 *   sample's moments) reruns only when the data change (layout, sizes, seed); the light one
 *   (batch statistics at every size, and slot 0 normalized with them) when G, ε or the batch
 *   size change. Both are cached, so moving the method reruns neither.
 *
 * Session creation and runs take turns on the page's one runtime queue (src/lib/onnx/turns.ts):
 * ORT's WebGPU provider refuses to build two sessions at once, and interleaved runs would spoil
 * figure 5's timing.
 */
import { estimateBytes } from '$lib/cache/bytes';
import { Lru } from '$lib/cache/lru';
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession, type Outputs } from '$lib/onnx/session';
import type { StateOf } from '$lib/state/schema';
import { effectiveGroups, storedShape, type Layout, type Shape3 } from './axes';
import { drawRng, imageBatch, packTokens, samplePool, sequenceBatch, type ShownBatch } from './data';
import type { NxSchema } from './lab';
import { channelMoments } from './reference';
import { summarizeNorms, summarizePadding, type NxResults, type SweepSummary } from './summary';
import { batchWeights, drawRows, drawsPerHalf, inverseSqrtFit, logLogSlope, POOL_SIZE, ROW_SLOTS, summarizeSweep, SWEEP_BATCH_SIZES, type SweepDraws } from './sweep';

export type NxState = StateOf<NxSchema>;

const MB = 1024 * 1024;

// Small most-recently-used caches, enough for a slider going back and forth.
const batches = new Lru<ShownBatch>({ maxEntries: 6, maxBytes: 32 * MB, sizeOf: estimateBytes });

function shownBatch(layout: Layout, seed: number, shape: Shape3): ShownBatch {
	return batches.memo(`${layout}|${seed}|${shape.join('x')}`, () =>
		layout === 'image' ? imageBatch(seed, ...shape) : sequenceBatch(seed, ...shape)
	);
}

const f32 = (outputs: Outputs, name: string) => outputs[name].data;

/**
 * A module loaded on first use whose promise is then kept (a failed load is not): a fresh
 * import() on every change costs the redraw a task hop or two.
 */
function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
	let loading: Promise<T> | undefined;
	return () =>
		(loading ??= load().catch((error: unknown) => {
			loading = undefined;
			throw error;
		}));
}
const modelModule = loadOnce(() => import('./model'));
const paddingModule = loadOnce(() => import('./paddingModel'));
const sweepModule = loadOnce(() => import('./sweepModel'));

async function runNorms(backend: Backend, batch: ShownBatch, groups: number, eps: number): Promise<Outputs> {
	const key = `nx-norms-${batch.layout}-${batch.shape.join('x')}-g${groups}-e${eps}`;
	const session = await getSession(backend, key, async () => {
		const { buildNormGraph } = await modelModule();
		return buildNormGraph({ layout: batch.layout, shape: batch.shape, groups, eps });
	});
	return runSession(session, { x: { data: batch.data, dims: batch.shape } });
}

async function runPadding(backend: Backend, batch: ShownBatch, eps: number) {
	const session = await getSession(backend, `nx-padding-${batch.shape.join('x')}-e${eps}`, async () => {
		const { buildPaddingGraph } = await paddingModule();
		return buildPaddingGraph(batch.shape, eps);
	});
	const { PADDING_OUTPUTS: O } = await paddingModule();
	const packed = packTokens(batch);
	const [b, t, d] = batch.shape;
	const out = await runSession(session, {
		x: { data: batch.data, dims: batch.shape },
		mask: { data: batch.mask!, dims: [b, t] },
		packed: { data: packed.data, dims: [packed.count, d] }
	});
	return summarizePadding(batch, {
		meanMasked: f32(out, O.meanMasked),
		meanUnmasked: f32(out, O.meanUnmasked),
		varMasked: f32(out, O.varMasked),
		varUnmasked: f32(out, O.varUnmasked),
		bnUnmasked: f32(out, O.bnUnmasked),
		bnMasked: f32(out, O.bnMasked),
		layer: f32(out, O.layer),
		bnPacked: f32(out, O.bnPacked),
		layerPacked: f32(out, O.layerPacked)
	});
}

/** Batch sizes of the sweep: the powers of two, then the reader's batch size (perhaps again). */
export const sweepSizes = (batch: number): number[] => [...SWEEP_BATCH_SIZES, batch];

interface SweepData {
	half: number;
	draws: SweepDraws;
	runningMean: Float32Array;
	runningVar: Float32Array;
	poolVar: Float64Array;
}
const sweepData = new Lru<SweepData>({ maxEntries: 3, maxBytes: 64 * MB, sizeOf: estimateBytes });
// Pending results are budgeted by count: their sizes are small next to the sweep data.
const sampleMoments = new Lru<Promise<{ mean: Float32Array; variance: Float32Array }>>({ maxEntries: 3 });
const sweepSummaries = new Lru<Promise<SweepSummary>>({ maxEntries: 8 });

async function runSweep(backend: Backend, state: NxState, groups: number): Promise<SweepSummary> {
	const { layout, channels, spatial, eps, seed } = state;
	const dataKey = `${layout}|${seed}|${channels}x${spatial}`;
	const data = sweepData.memo(dataKey, () => {
		const half = drawsPerHalf(channels, spatial);
		const pool = samplePool(seed, layout, POOL_SIZE, channels, spatial);
		const running = channelMoments(pool, channels, spatial);
		return {
			half,
			draws: drawRows(pool, channels * spatial, half, drawRng(seed)),
			runningMean: Float32Array.from(running.mean),
			runningVar: Float32Array.from(running.variance),
			poolVar: running.variance
		};
	});
	const rows = 2 * data.half;
	const { SAMPLE_MOMENTS, BATCH_STATS: O } = await sweepModule();

	// The heavy pass over every sample: only when the data change.
	const moments = sampleMoments.memoAsync(`${backend}|${dataKey}`, async () => {
		const session = await getSession(backend, `nx-sample-moments-${rows}x${channels}x${spatial}`, async () => {
			const { buildSampleMomentsGraph } = await sweepModule();
			return buildSampleMomentsGraph(rows, channels, spatial);
		});
		const out = await runSession(session, { xb: { data: data.draws.xb, dims: [rows, ROW_SLOTS, channels, spatial] } });
		return { mean: f32(out, SAMPLE_MOMENTS.mean), variance: f32(out, SAMPLE_MOMENTS.variance) };
	});

	const sizes = sweepSizes(state.batch);
	return sweepSummaries.memoAsync(`${backend}|${dataKey}|g${groups}|e${eps}|b${state.batch}`, async () => {
		const m = await moments;
		const session = await getSession(backend, `nx-batch-stats-${layout}-${rows}x${channels}x${spatial}-n${sizes.length}-g${groups}-e${eps}`, async () => {
			const { buildBatchStatsGraph } = await sweepModule();
			return buildBatchStatsGraph({ layout, rows, sizes: sizes.length, channels, spatial, groups, eps });
		});
		const out = await runSession(session, {
			[SAMPLE_MOMENTS.mean]: { data: m.mean, dims: [rows, ROW_SLOTS, channels] },
			[SAMPLE_MOMENTS.variance]: { data: m.variance, dims: [rows, ROW_SLOTS, channels] },
			weights: { data: batchWeights(sizes), dims: [sizes.length, ROW_SLOTS] },
			x0: { data: data.draws.x0, dims: [rows, channels, spatial] },
			running_mean: { data: data.runningMean, dims: [channels] },
			running_var: { data: data.runningVar, dims: [channels] }
		});
		const run = {
			batchMean: f32(out, O.batchMean),
			batchVar: f32(out, O.batchVar),
			layerMean: f32(out, O.layerMean),
			groupMean: f32(out, O.groupMean),
			train: f32(out, O.train),
			running: f32(out, O.running),
			layer: f32(out, O.layer)
		};
		const all = summarizeSweep(sizes, run, { layout, channels, spatial, groups, half: data.half, poolVar: data.poolVar });
		// The reader's size was appended last; when it is a power of two it is already there.
		const points = all.filter((p, i) => all.findIndex((q) => q.batch === p.batch) === i).sort((a, b) => a.batch - b.batch);
		const bs = points.map((p) => p.batch);
		return {
			points,
			slope: logLogSlope(bs, points.map((p) => p.batchMeanSpread)),
			varSlope: logLogSlope(bs, points.map((p) => p.batchVarSpread)),
			guide: inverseSqrtFit(bs, points.map((p) => p.batchMeanSpread)),
			draws: data.half
		};
	});
}

let opCounts: Promise<NxResults['opCounts']> | null = null;

/** Operations per element of the composed LayerNorm and RMSNorm: fixed, so counted once. */
function countCostOps(): Promise<NxResults['opCounts']> {
	opCounts ??= (async () => {
		const [{ buildCostGraph, COST_SHAPE }, { countOps }] = await Promise.all([import('./costModel'), import('./opCount')]);
		const elements = COST_SHAPE[0] * COST_SHAPE[1];
		return {
			layer: countOps(buildCostGraph('layer-composed').nodes, elements),
			rms: countOps(buildCostGraph('rms-composed').nodes, elements)
		};
	})();
	return opCounts;
}

export async function computeNx(state: NxState, backend: Backend): Promise<NxResults> {
	const { layout, method, eps, seed } = state;
	const groups = effectiveGroups(state.groups, state.channels);
	const sizes = { batch: state.batch, channels: state.channels, spatial: state.spatial };
	const shown = shownBatch(layout, seed, storedShape(layout, sizes));
	// Figure 4 always looks at sequences: the same sizes read as (B, T, D).
	const sequences = shownBatch('sequence', seed, storedShape('sequence', sizes));

	const { normOutput, RMS_MEAN_SQUARE } = await modelModule();
	const norms = await runNorms(backend, shown, groups, eps);
	const names = normOutput(method);
	const main = summarizeNorms(shown, method, groups, eps, {
		y: f32(norms, names.y),
		mean: f32(norms, names.mean),
		variance: f32(norms, names.variance),
		meanSquare: f32(norms, RMS_MEAN_SQUARE)
	});
	const [padding, sweep, ops] = await Promise.all([runPadding(backend, sequences, eps), runSweep(backend, state, groups), countCostOps()]);
	return {
		layout,
		method,
		shape: shown.shape,
		groups,
		eps,
		...main,
		x: Array.from(shown.data),
		y: Array.from(f32(norms, names.y)),
		lengths: shown.lengths,
		sweep,
		padding,
		opCounts: ops
	};
}
