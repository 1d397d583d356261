/**
 * Which cells share one mean and variance: the "set S" of every normalization, for both tensor
 * views, as plain index arithmetic. The ONNX models output their statistics in exactly this group
 * order, the TypeScript reference normalizes with it, and the cube colours cells by it.
 *
 * Tensors are stored with three axes, in this order:
 *   image    [N, C, S]   samples, channels, positions (S = H·W, flattened)
 *   sequence [B, T, D]   sequences, tokens, features
 * The cube draws axis 0 as depth, axis 1 across and axis 2 down, in both views.
 */

export type Layout = 'image' | 'sequence';
export type Method = 'batch' | 'layer' | 'instance' | 'group' | 'rms';
export const METHODS: readonly Method[] = ['batch', 'layer', 'instance', 'group', 'rms'];

export const METHOD_NAMES: Record<Method, string> = {
	batch: 'BatchNorm',
	layer: 'LayerNorm',
	instance: 'InstanceNorm',
	group: 'GroupNorm',
	rms: 'RMSNorm'
};

/** The three sizes the controls set: batch size, C (or D) and H·W (or T). */
export interface Sizes {
	batch: number;
	channels: number;
	spatial: number;
}

export type Shape3 = readonly [number, number, number];

/** The stored shape: [N, C, S] for images, [B, T, D] for sequences. */
export function storedShape(layout: Layout, { batch, channels, spatial }: Sizes): Shape3 {
	return layout === 'image' ? [batch, channels, spatial] : [batch, spatial, channels];
}

/** Axis titles, in stored order (depth, across, down in the cube). */
export function axisNames(layout: Layout): readonly [string, string, string] {
	return layout === 'image' ? ['N (batch)', 'C (channels)', 'H·W (positions)'] : ['B (batch)', 'T (tokens)', 'D (features)'];
}

/** How the cells split into groups for one method, and how to find a cell's group. */
export interface Grouping {
	/** Shape of the statistics tensor the model outputs (row-major group order). */
	statsShape: readonly number[];
	count: number;
	/** Values per group. */
	size: number;
	/** Group index of the cell at stored indices (i0, i1, i2). */
	of(i0: number, i1: number, i2: number): number;
	/**
	 * Colour slot of a group: neighbouring groups along any axis get different slots mod 6, so a
	 * 6-colour palette never paints two touching groups alike.
	 */
	colorSlot(group: number): number;
	/** A reader's name for a group ("channel 3", "sample 2, group 1"), 1-based. */
	label(group: number): string;
}

/**
 * The groups of `method` on a tensor of `shape` (stored order). `groups` is GroupNorm's G and
 * must divide the channel count.
 */
export function grouping(layout: Layout, method: Method, shape: Shape3, groups: number): Grouping {
	const [a0, a1, a2] = shape;
	const channels = layout === 'image' ? a1 : a2;
	if (method === 'group' && (groups < 1 || channels % groups !== 0))
		throw new Error(`GroupNorm: ${groups} groups do not divide ${channels} channels`);
	const per = method === 'group' ? channels / groups : 1;
	const total = a0 * a1 * a2;
	const make = (statsShape: number[], of: Grouping['of'], colorSlot: Grouping['colorSlot'], label: Grouping['label']): Grouping => {
		const count = statsShape.reduce((p, d) => p * d, 1);
		return { statsShape, count, size: total / count, of, colorSlot, label };
	};
	const pair = (g: number, inner: number): [number, number] => [Math.floor(g / inner), g % inner];
	const sample = layout === 'image' ? 'sample' : 'sequence';
	const channel = layout === 'image' ? 'channel' : 'feature';

	if (method === 'batch') {
		// One statistic per channel, pooled over the batch and every position.
		const of = layout === 'image' ? (_: number, c: number) => c : (_: number, __: number, d: number) => d;
		return make([channels], of, (g) => g, (g) => `${channel} ${g + 1}`);
	}
	if (method === 'layer' || method === 'rms') {
		if (layout === 'image') return make([a0], (n) => n, (g) => g, (g) => `${sample} ${g + 1}`);
		// Per token: a transformer's LayerNorm never looks across tokens.
		return make(
			[a0, a1],
			(b, t) => b * a1 + t,
			(g) => 2 * pair(g, a1)[0] + pair(g, a1)[1],
			(g) => `${sample} ${pair(g, a1)[0] + 1}, token ${pair(g, a1)[1] + 1}`
		);
	}
	if (method === 'instance') {
		const of = layout === 'image' ? (n: number, c: number) => n * channels + c : (b: number, _: number, d: number) => b * channels + d;
		return make(
			[a0, channels],
			of,
			(g) => 2 * pair(g, channels)[0] + pair(g, channels)[1],
			(g) => `${sample} ${pair(g, channels)[0] + 1}, ${channel} ${pair(g, channels)[1] + 1}`
		);
	}
	const of =
		layout === 'image'
			? (n: number, c: number) => n * groups + Math.floor(c / per)
			: (b: number, _: number, d: number) => b * groups + Math.floor(d / per);
	return make(
		[a0, groups],
		of,
		(g) => 2 * pair(g, groups)[0] + pair(g, groups)[1],
		(g) => {
			const [n, k] = pair(g, groups);
			const range = per === 1 ? `${channel} ${k * per + 1}` : `${channel}s ${k * per + 1}–${(k + 1) * per}`;
			return `${sample} ${n + 1}, group ${k + 1} (${range})`;
		}
	);
}

/** Group index of every cell, in stored (row-major) order. */
export function groupIndex(grouping: Grouping, shape: Shape3): Int32Array {
	const [a0, a1, a2] = shape;
	const out = new Int32Array(a0 * a1 * a2);
	let i = 0;
	for (let x = 0; x < a0; x++) for (let y = 0; y < a1; y++) for (let z = 0; z < a2; z++) out[i++] = grouping.of(x, y, z);
	return out;
}

/** The set S in words, with its size: what one mean and variance are taken over. */
export function describeSet(layout: Layout, method: Method, shape: Shape3, groups: number): string {
	const g = grouping(layout, method, shape, groups);
	const [a0, a1, a2] = shape;
	const image = layout === 'image';
	const over: Record<Method, string> = {
		batch: image ? `every sample and position (N·H·W = ${a0} × ${a2})` : `every sequence and token (B·T = ${a0} × ${a1})`,
		layer: image ? `all channels and positions of one sample (C·H·W = ${a1} × ${a2})` : `the ${a2} features of one token`,
		instance: image ? `the ${a2} positions of one channel of one sample` : `the ${a1} tokens of one feature of one sequence`,
		group: image
			? `${a1 / groups} channels × ${a2} positions of one sample`
			: `${a2 / groups} features × ${a1} tokens of one sequence`,
		rms: image ? `all channels and positions of one sample (C·H·W = ${a1} × ${a2})` : `the ${a2} features of one token`
	};
	const per: Record<Method, string> = {
		batch: image ? 'one per channel' : 'one per feature',
		layer: image ? 'one per sample' : 'one per token',
		instance: image ? 'one per (sample, channel)' : 'one per (sequence, feature)',
		group: image ? `one per (sample, group of channels)` : `one per (sequence, group of features)`,
		rms: image ? 'one per sample' : 'one per token'
	};
	return `${g.count} groups (${per[method]}), each over ${over[method]}: ${g.size} values.`;
}

/** The divisors of n, ascending. */
export function divisors(n: number): number[] {
	const out: number[] = [];
	for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
	return out;
}

/** GroupNorm needs G | C: the divisor of `channels` nearest to the requested G (ties: the smaller). */
export function effectiveGroups(requested: number, channels: number): number {
	let best = 1;
	for (const d of divisors(channels)) if (Math.abs(d - requested) < Math.abs(best - requested)) best = d;
	return best;
}
