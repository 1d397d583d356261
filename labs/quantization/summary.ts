/**
 * Figure 1's numbers for one weight tensor and one quantizer setting: the tensor's histogram,
 * the grid levels, four representative output channels (narrowest to widest range) with the
 * levels of the grid each one is rounded to, and the error statistics. Pure: plain arrays out
 * (the e2e tests compare backends on them).
 */
import { histogram } from '$lib/viz/histogram';
import { levels, quantizeMatrix, type Granularity, type Scheme } from './quantizer';
import { floatError } from './floatFormats';
import { BITS, FLOAT_LAYOUT, intBits, type FloatFormat, type WeightFormat } from './weightFormats';
import type { WeightTensor } from './weights';
import type { AccuracySweep } from './accuracy';
import type { OutlierResult } from './outlierAccuracy';
import type { PruneResult } from './pruneAccuracy';
import type { Calibration } from './calibrate';

export const BINS = 48;

export interface ChannelStrip {
	/** Output channel (column), counted from 0. */
	channel: number;
	values: number[];
	/** The grid this channel is rounded to: the tensor's, or its own. */
	levels: number[];
	scale: number;
}

export interface GridResults {
	tensor: string;
	/** The weight format these numbers are for: a float format has no grid (no levels, no step). */
	format: WeightFormat;
	rows: number;
	cols: number;
	domain: [number, number];
	bins: { x: number; count: number }[];
	binWidth: number;
	/** The per-tensor grid (drawn over the histogram). */
	tensorLevels: number[];
	channels: ChannelStrip[];
	/** Step and zero point of the per-tensor grid; the smallest and largest per-channel step. */
	tensorScale: number;
	tensorZero: number;
	channelScales: [number, number];
	/** Error of the chosen granularity, and of both, at the chosen bits and scheme. */
	mse: number;
	sqnr: number;
	bitsPerWeight: number;
	byGranularity: Record<Granularity, { mse: number; sqnr: number }>;
	/** MSE of the chosen scheme and granularity at b = 2…8 (BITS). */
	mseByBits: number[];
	/** Set when the tensor is a linear layer's inputs (inputGrid.ts): how the grid was calibrated, its range, the share it clips. */
	inputs?: { calib: Calibration; pct: number; clip: [number, number]; clipped: number };
}

/**
 * One state's results: figure 1 (its MSE and SQNR from the ONNX dequantization). `accuracy`, figure
 * 2's sweep, is there only in the build's results (the default state); the page runs it on request.
 * `outlier` and `pruning` (figures 3 and 5) likewise.
 */
export type QuantizationResults = GridResults & { accuracy?: AccuracySweep; outlier?: OutlierResult; pruning?: PruneResult };

export interface GridSettings {
	format: WeightFormat;
	scheme: Scheme;
	gran: Granularity;
}

export function summarize(name: string, w: WeightTensor, s: GridSettings): GridResults {
	const bits = intBits(s.format);
	if (bits === null) return summarizeFloat(name, w, s.format as FloatFormat, s);
	const [rows, cols] = w.shape;
	const x = w.data;
	const per = { tensor: quantizeMatrix(x, rows, cols, bits, s.scheme, 'tensor'), channel: quantizeMatrix(x, rows, cols, bits, s.scheme, 'channel') };
	const chosen = per[s.gran];
	const channels = channelPicks(w).map((c) => {
		const grid = s.gran === 'tensor' ? per.tensor.grids[0] : per.channel.grids[c];
		return { channel: c, values: columnOf(w, c), levels: levels(grid), scale: grid.scale };
	});
	const channelScales = per.channel.grids.map((g) => g.scale);
	return {
		...anyFormat(name, w, s),
		tensorLevels: levels(per.tensor.grids[0]),
		channels,
		tensorScale: per.tensor.grids[0].scale,
		tensorZero: per.tensor.grids[0].zero,
		channelScales: [Math.min(...channelScales), Math.max(...channelScales)],
		mse: chosen.mse,
		sqnr: chosen.sqnr,
		bitsPerWeight: chosen.bitsPerWeight,
		byGranularity: { tensor: { mse: per.tensor.mse, sqnr: per.tensor.sqnr }, channel: { mse: per.channel.mse, sqnr: per.channel.sqnr } }
	};
}

/**
 * The same figure for a float format: every weight rounded to it (in TypeScript, as a cast
 * would). No grid to draw: the spacing of a float format's values grows with each power of two,
 * so the error is relative to the weight, and scheme and granularity do not apply.
 */
function summarizeFloat(name: string, w: WeightTensor, format: FloatFormat, s: GridSettings): GridResults {
	const error = floatError(w.data, format);
	return {
		...anyFormat(name, w, s),
		tensorLevels: [],
		channels: channelPicks(w).map((c) => ({ channel: c, values: columnOf(w, c), levels: [], scale: NaN })),
		tensorScale: NaN,
		tensorZero: 0,
		channelScales: [NaN, NaN],
		...error,
		bitsPerWeight: FLOAT_LAYOUT[format].bits,
		byGranularity: { tensor: error, channel: error }
	};
}

/** What the figure shows in every format: the tensor's histogram, and the integer grids' MSE at each b (its data table). */
function anyFormat(name: string, w: WeightTensor, s: GridSettings) {
	const [rows, cols] = w.shape;
	let lo = Infinity;
	let hi = -Infinity;
	for (const v of w.data) {
		lo = Math.min(lo, v);
		hi = Math.max(hi, v);
	}
	return {
		tensor: name,
		format: s.format,
		rows,
		cols,
		domain: [lo, hi] as [number, number],
		bins: histogram(w.data, [lo, hi], BINS).map((b) => ({ x: (b.x0 + b.x1) / 2, count: b.count })),
		binWidth: (hi - lo) / BINS,
		mseByBits: BITS.map((b) => quantizeMatrix(w.data, rows, cols, b, s.scheme, s.gran).mse)
	};
}

/** Column c of a row-major [rows, cols] matrix: one output channel's weights. */
export function columnOf(w: WeightTensor, c: number): number[] {
	const [rows, cols] = w.shape;
	return Array.from({ length: rows }, (_, r) => w.data[r * cols + c]);
}

/** Four channels by range: the narrowest, two between and the widest. */
export function channelPicks(w: WeightTensor): number[] {
	const [rows, cols] = w.shape;
	const range = Array.from({ length: cols }, (_, c) => {
		let m = 0;
		for (let r = 0; r < rows; r++) m = Math.max(m, Math.abs(w.data[r * cols + c]));
		return { c, m };
	}).sort((a, b) => a.m - b.m || a.c - b.c);
	return [0, Math.round((cols - 1) / 3), Math.round((2 * (cols - 1)) / 3), cols - 1].map((i) => range[i].c);
}
