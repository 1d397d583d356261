/**
 * From the models' raw outputs to what the figures draw: the statistics behind every cube cell,
 * per-group histograms before and after, the padding comparison. Pure: no DOM, no runtime.
 * Everything returned is plain numbers and arrays (the e2e tests compare backends on them).
 */
import { histogram, type Bin } from '$lib/viz/histogram';
import { paddedExtent } from '$lib/viz/ranges';
import { grouping, groupIndex, type Layout, type Method, type Shape3 } from './axes';
import type { ShownBatch } from './data';
import type { OpCount } from './opCount';
import { groupMoments } from './reference';
import type { SweepPoint } from './sweep';

/** One small multiple of figure 2: a group before and after. */
export interface Panel {
	group: number;
	label: string;
	size: number;
	before: Bin[];
	after: Bin[];
	/** The statistics the model output for this group. */
	mean: number;
	variance: number;
	meanSquare: number;
	/** Measured on the model's normalized output. */
	afterMean: number;
	afterVariance: number;
	afterMeanSquare: number;
}

export interface PaddingSummary {
	shape: Shape3;
	lengths: number[];
	/** Share of the B·T positions that are padding. */
	padFraction: number;
	meanMasked: number[];
	meanUnmasked: number[];
	varMasked: number[];
	varUnmasked: number[];
	/** RMS change of the valid tokens' outputs against the packed (unpadded) tokens. */
	shift: { bnUnmasked: number; bnMasked: number; layer: number };
}

export interface SweepSummary {
	points: SweepPoint[];
	/** Fitted exponent of BatchNorm's batch-mean spread against B (1/√B: −0.5). */
	slope: number;
	varSlope: number;
	/** c in the guide c/√B drawn through the batch-mean spreads. */
	guide: number;
	draws: number;
}

export interface NxResults {
	layout: Layout;
	method: Method;
	shape: Shape3;
	/** GroupNorm's G as used (a divisor of C). */
	groups: number;
	eps: number;
	/** The current method's statistics, one per group (order of `grouping`). */
	stats: { mean: number[]; variance: number[]; meanSquare: number[] };
	/** The shown tensor and its normalized version (stored order). */
	x: number[];
	y: number[];
	lengths: number[] | null;
	panels: Panel[];
	beforeDomain: [number, number];
	afterDomain: [number, number];
	sweep: SweepSummary;
	padding: PaddingSummary;
	opCounts: { layer: OpCount; rms: OpCount };
}

const PANELS = 6;
const BINS = 24;

/** Up to `count` groups spread evenly over 0..total-1, skipping empty (padding-only) groups. */
export function pickGroups(total: number, count: number, usable: (g: number) => boolean): number[] {
	const candidates = Array.from({ length: total }, (_, g) => g).filter(usable);
	if (candidates.length <= count) return candidates;
	const picked = new Set<number>();
	for (let i = 0; i < count; i++) picked.add(candidates[Math.round((i * (candidates.length - 1)) / (count - 1))]);
	return [...picked];
}

export interface MainOutputs {
	y: Float32Array;
	mean: Float32Array;
	variance: Float32Array;
	meanSquare: Float32Array;
}

/** The cube's statistics and figure 2's panels for the current method. */
export function summarizeNorms(batch: ShownBatch, method: Method, groups: number, eps: number, out: MainOutputs) {
	const g = grouping(batch.layout, method, batch.shape, groups);
	const index = groupIndex(g, batch.shape);
	const before = groupMoments(batch.data, index, g.count);
	const after = groupMoments(out.y, index, g.count);
	// Padding-only groups (a whole padded token) have nothing to normalize.
	const empty = (k: number) => before.meanSquare[k] === 0;

	const members: number[][] = Array.from({ length: g.count }, () => []);
	const picked = pickGroups(g.count, PANELS, (k) => !empty(k));
	const wanted = new Set(picked);
	for (let i = 0; i < index.length; i++) if (wanted.has(index[i])) members[index[i]].push(i);
	const beforeValues = picked.flatMap((k) => members[k].map((i) => batch.data[i]));
	const afterValues = picked.flatMap((k) => members[k].map((i) => out.y[i]));
	const beforeDomain = paddedExtent(beforeValues);
	const afterDomain = paddedExtent(afterValues);

	const panels: Panel[] = picked.map((k) => ({
		group: k,
		label: g.label(k),
		size: g.size,
		before: histogram(members[k].map((i) => batch.data[i]), beforeDomain, BINS),
		after: histogram(members[k].map((i) => out.y[i]), afterDomain, BINS),
		mean: out.mean[k],
		variance: out.variance[k],
		meanSquare: before.meanSquare[k],
		afterMean: after.mean[k],
		afterVariance: after.variance[k],
		afterMeanSquare: after.meanSquare[k]
	}));

	return {
		stats: {
			mean: Array.from(out.mean),
			variance: Array.from(out.variance),
			// RMSNorm's own statistic; for the other methods the group's mean square, for reference.
			meanSquare: method === 'rms' ? Array.from(out.meanSquare) : Array.from(before.meanSquare)
		},
		panels,
		beforeDomain,
		afterDomain
	};
}

/**
 * The worst deviation from a perfectly normalized group over every non-empty group: |mean| and
 * |variance − σ²/(σ² + ε)| (RMSNorm: |mean square − ms/(ms + ε)|). Float-error sized, so it is
 * computed for the figure's text rather than kept in the results the backends are compared on.
 */
export function worstDeviation(results: Pick<NxResults, 'layout' | 'method' | 'shape' | 'groups' | 'eps' | 'x' | 'y'>) {
	const { layout, method, shape, groups, eps } = results;
	const g = grouping(layout, method, shape, groups);
	const index = groupIndex(g, shape);
	const before = groupMoments(results.x, index, g.count);
	const after = groupMoments(results.y, index, g.count);
	const worst = { mean: 0, variance: 0, meanSquare: 0 };
	for (let k = 0; k < g.count; k++) {
		if (before.meanSquare[k] === 0) continue; // a padded token: nothing to normalize
		if (method === 'rms') worst.meanSquare = Math.max(worst.meanSquare, Math.abs(after.meanSquare[k] - before.meanSquare[k] / (before.meanSquare[k] + eps)));
		else {
			worst.mean = Math.max(worst.mean, Math.abs(after.mean[k]));
			worst.variance = Math.max(worst.variance, Math.abs(after.variance[k] - before.variance[k] / (before.variance[k] + eps)));
		}
	}
	return worst;
}

export interface PaddingOutputs {
	meanMasked: Float32Array;
	meanUnmasked: Float32Array;
	varMasked: Float32Array;
	varUnmasked: Float32Array;
	bnUnmasked: Float32Array;
	bnMasked: Float32Array;
	layer: Float32Array;
	bnPacked: Float32Array;
	layerPacked: Float32Array;
}

/** Valid-token rows of a padded [B, T, D] output, packed in order. */
export function validRows(y: Float32Array, shape: Shape3, lengths: readonly number[]): Float32Array {
	const [, t, d] = shape;
	const total = lengths.reduce((s, l) => s + l, 0);
	const out = new Float32Array(total * d);
	let at = 0;
	lengths.forEach((len, b) => {
		out.set(y.subarray(b * t * d, (b * t + len) * d), at);
		at += len * d;
	});
	return out;
}

function rmsDiff(a: Float32Array, b: Float32Array): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
	return Math.sqrt(s / a.length);
}

export function summarizePadding(batch: ShownBatch, out: PaddingOutputs): PaddingSummary {
	const lengths = batch.lengths ?? [];
	const [b, t] = batch.shape;
	const valid = lengths.reduce((s, l) => s + l, 0);
	const rows = (y: Float32Array) => validRows(y, batch.shape, lengths);
	return {
		shape: batch.shape,
		lengths,
		padFraction: 1 - valid / (b * t),
		meanMasked: Array.from(out.meanMasked),
		meanUnmasked: Array.from(out.meanUnmasked),
		varMasked: Array.from(out.varMasked),
		varUnmasked: Array.from(out.varUnmasked),
		shift: {
			bnUnmasked: rmsDiff(rows(out.bnUnmasked), out.bnPacked),
			bnMasked: rmsDiff(rows(out.bnMasked), out.bnPacked),
			// Exactly zero: each token is normalized on its own.
			layer: rmsDiff(rows(out.layer), out.layerPacked)
		}
	};
}
