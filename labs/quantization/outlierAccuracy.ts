/**
 * Figure 3's measurement: the chosen task's transformer with one channel of layer 0's attention
 * input made c× wider (outlier.ts), run on the held-out sequences in float and at W8A8 (weights
 * per tensor, symmetric, embeddings rounded; activations per tensor, min-max calibrated), and
 * with one remedy:
 * - LLM.int8 (Dettmers et al. 2022): input channels whose calibration absmax exceeds τ × the
 *   median stay float, with the matching weight rows; the rest share a per-tensor grid.
 * - SmoothQuant (Xiao et al. 2023): per-channel factors folded into the norms and weights, then
 *   the same W8A8 as without a remedy.
 * - Per-channel activation grids: a fake-quant only, since the scale of an input channel k sits
 *   inside the sum Σ_k x_k W_kj and an integer kernel cannot take it out.
 * Every number is a run of qmodel.ts's graph on the page's backend.
 */
import type { Task } from '$labs/attention-heatmaps/tasks';
import { tokenAccuracy } from '$labs/attention-heatmaps/training';
import { VOCAB } from '$labs/attention-heatmaps/tasks';
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession, type Feeds } from '$lib/onnx/session';
import { actGrids, graphCodes, heldOut, inputFeeds, linearInputs, scorer, weightFeeds, type WeightQuant } from './accuracy';
import { calibrate } from './calibrate';
import { channelAbsmax, OUTLIER_GROUP, outlierChannel, smoothWeights, withOutlier } from './outlier';
import { buildQuantTransformer, inputName, LINEARS, quantGraphKey, type QuantGraphOptions } from './qmodel';
import { typedCodes } from './dequant';
import { codesOf, gridFor, quantizeMatrix, type Grid } from './quantizer';
import type { WeightTensor } from './weights';

export type Fix = 'none' | 'llmint8' | 'smooth' | 'channel';
/** LLM.int8's threshold: a channel is an outlier above τ × the median channel absmax of its layer's input. */
export const TAU = 6;
const BITS = 8;
export const W8: WeightQuant = { bits: BITS, scheme: 'sym', gran: 'tensor', emb: true };

export interface OutlierSettings {
	task: Task;
	c: number;
	fix: Fix;
	alpha: number;
}

/** What figure 3 draws. Counts are held-out tokens predicted right, out of `tokens`; NaN until measured. */
export interface OutlierResult {
	/** The channel made wide. */
	channel: number;
	/** Per channel of layer 0's attention input, its largest |x| over the calibration sequences. */
	absmax: number[];
	/** The per-tensor INT8 step of that input under min-max calibration. */
	step: number;
	float: number;
	/** W8A8, no remedy. */
	none: number;
	/** W8A8 with the chosen remedy; NaN with none. */
	remedy: number;
	/** LLM.int8: the channels of layer 0's attention input kept float. */
	kept: number[];
	tokens: number;
}

/** Channels whose absmax is above τ × the median absmax. */
export function outliersOf(absmax: ArrayLike<number>, tau = TAU): number[] {
	const sorted = Float64Array.from(absmax).sort();
	const n = sorted.length;
	const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	return Array.from(absmax, (_, j) => j).filter((j) => absmax[j] > tau * median);
}

const widthOf = (weights: Map<string, WeightTensor>, l: string) => weights.get(`${l}.w`)!.shape[0];

interface ChannelGrids {
	grids: Grid[];
	keep: boolean[];
}

/** Per-channel grids: each channel its own min-max range. */
function perChannelGrids(x: Float32Array, width: number): ChannelGrids {
	const grids = Array.from({ length: width }, (_, j) => {
		const col = x.filter((_, i) => i % width === j);
		return calibrate(col, BITS, 'sym', 'minmax', 100);
	});
	return { grids, keep: grids.map(() => false) };
}

/** LLM.int8: the outlier channels kept float, the others on one grid over their own values. */
function mixedGrids(x: Float32Array, width: number): ChannelGrids {
	const kept = new Set(outliersOf(channelAbsmax(x, width)));
	const grid = calibrate(
		x.filter((_, i) => !kept.has(i % width)),
		BITS,
		'sym',
		'minmax',
		100
	);
	return { grids: Array.from({ length: width }, () => grid), keep: Array.from({ length: width }, (_, j) => kept.has(j)) };
}

function channelActFeeds(grids: Map<string, ChannelGrids>): Feeds {
	const feeds: Feeds = {};
	for (const [l, { grids: gs, keep }] of grids) {
		const n = gs.length;
		const data = new Float32Array(4 * n);
		gs.forEach((g, j) => {
			data[j] = g.scale;
			data[n + j] = g.qmin - g.zero;
			data[2 * n + j] = g.qmax - g.zero;
			data[3 * n + j] = keep[j] ? 1 : 0;
		});
		feeds[inputName.actChannels(l)] = { data, dims: [4, n] };
	}
	return feeds;
}

/** The per-channel graph: W8 codes (int8), and float rows added to the dequantized weights. */
const CHANNEL_GRAPH: QuantGraphOptions = { acts: true, probes: false, channelActs: true, codes: graphCodes(W8) };

/**
 * W8 weight feeds for the per-channel graph. Without `kept`, every row rounded and nothing added.
 * With it (LLM.int8), a layer's kept rows stay float: their codes sit at the zero point (dequantized to 0) and
 * their values are added in float; the other rows share one grid over their own range.
 */
function channelWeightFeeds(weights: Map<string, WeightTensor>, kept: Map<string, boolean[]> = new Map()): Feeds {
	const feeds = weightFeeds(weights, W8);
	for (const l of LINEARS) {
		const { shape, data } = weights.get(`${l}.w`)!;
		const [rows, cols] = shape;
		const keep = kept.get(l);
		const added = new Float32Array(rows * cols);
		feeds[inputName.kept(`${l}.w`)] = { data: added, dims: [rows, cols] };
		if (!keep?.some(Boolean)) continue;
		const regular = data.filter((_, i) => !keep[Math.floor(i / cols)]);
		const grid = regular.length ? quantizeMatrix(regular, regular.length / cols, cols, BITS, 'sym', 'tensor').grids[0] : gridFor(-1, 1, BITS, 'sym');
		const { codes, zeros } = codesOf(data, rows, cols, [grid]);
		for (let i = 0; i < data.length; i++) {
			if (!keep[Math.floor(i / cols)]) continue;
			codes[i] = grid.zero;
			added[i] = data[i];
		}
		const typed = typedCodes(codes, zeros, [grid], BITS, [rows, cols]);
		feeds[inputName.codes(`${l}.w`)] = typed.codes;
		feeds[inputName.scales(`${l}.w`)] = { data: new Float32Array(cols).fill(grid.scale), dims: [cols] };
		feeds[inputName.zeros(`${l}.w`)] = typed.zeros;
	}
	return feeds;
}

/** Held-out right tokens of the per-channel graph with weight feeds `w` and activation grids. */
async function scoreChannels(task: Task, w: Feeds, grids: Map<string, ChannelGrids>, backend: Backend): Promise<number> {
	const inputs = heldOut(task);
	const tokens = inputs.reduce((n, x) => n + x.length, 0);
	const session = await getSession(backend, quantGraphKey(CHANNEL_GRAPH), () => buildQuantTransformer(CHANNEL_GRAPH));
	const out = await runSession(session, { ...inputFeeds(task, inputs), ...w, ...channelActFeeds(grids) });
	return Math.round(tokens * tokenAccuracy(task, inputs, out.logits.data, VOCAB));
}

/**
 * Figure 3's numbers. `report` gets the result so far after each model run; returning false
 * stops the measurement (Stop, a newer run, a reset).
 */
export async function measureOutlier(
	weights: Map<string, WeightTensor>,
	s: OutlierSettings,
	backend: Backend,
	report: (partial: OutlierResult, runs: number) => boolean = () => true
): Promise<OutlierResult> {
	const channel = outlierChannel(weights);
	const w = withOutlier(weights, s.c, channel);
	const { score, tokens } = await scorer(s.task, w, backend);
	const inputs = await linearInputs(s.task, w, backend);
	const x0 = inputs.get(OUTLIER_GROUP.linears[0])!;
	const width = widthOf(w, OUTLIER_GROUP.linears[0]);
	const absmax = Array.from(channelAbsmax(x0, width));
	const minmax = actGrids(inputs, { bits: BITS, scheme: 'sym', calib: 'minmax', pct: 100 });
	const r: OutlierResult = {
		channel,
		absmax,
		step: minmax.get(OUTLIER_GROUP.linears[0])!.scale,
		float: NaN,
		none: NaN,
		remedy: NaN,
		kept: s.fix === 'llmint8' ? outliersOf(absmax) : [],
		tokens
	};
	let runs = 0;
	const landed = () => report({ ...r, absmax: [...r.absmax], kept: [...r.kept] }, ++runs);
	if (!landed()) return r;
	r.float = await score(null, null);
	if (!landed()) return r;
	r.none = await score(W8, minmax);
	if (!landed()) return r;
	if (s.fix === 'smooth') {
		const smoothed = smoothWeights(w, inputs, s.alpha);
		const grids = actGrids(await linearInputs(s.task, smoothed, backend), { bits: BITS, scheme: 'sym', calib: 'minmax', pct: 100 });
		if (!landed()) return r;
		r.remedy = await (await scorer(s.task, smoothed, backend)).score(W8, grids);
	} else if (s.fix === 'channel') {
		const grids = new Map(LINEARS.map((l) => [l, perChannelGrids(inputs.get(l)!, widthOf(w, l))]));
		r.remedy = await scoreChannels(s.task, channelWeightFeeds(w), grids, backend);
	} else if (s.fix === 'llmint8') {
		const grids = new Map(LINEARS.map((l) => [l, mixedGrids(inputs.get(l)!, widthOf(w, l))]));
		r.remedy = await scoreChannels(s.task, channelWeightFeeds(w, new Map([...grids].map(([l, g]) => [l, g.keep]))), grids, backend);
	}
	if (s.fix !== 'none') landed();
	return r;
}
