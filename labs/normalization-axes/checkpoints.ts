/**
 * The normalization-axes checkpoints (cards in lab.ts). Answers come from the lab's own maths:
 * the grouping the cube draws (axes.ts), the float64 normalization (reference.ts), and the
 * variance of a mean of B independent draws.
 */
import type { Checkpoint } from '$lib/practice/types';
import type { StateOf } from '$lib/state/schema';
import { formatNumber } from '$lib/format';
import { createRng } from '$lib/random';
import type { NxSchema } from './lab';
import { effectiveGroups, grouping, METHOD_NAMES, storedShape, type Method } from './axes';
import { normalizeReference } from './reference';

type NxState = StateOf<NxSchema>;
type NxCheckpoint = Checkpoint<NxState>;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const methodName = (s: NxState) => (s.method === 'group' ? `GroupNorm with G = ${effectiveGroups(s.groups, s.channels)}` : METHOD_NAMES[s.method]);

/** What one set of statistics belongs to, per method, on images. */
const PER: Record<Method, string> = {
	batch: 'channel',
	layer: 'sample',
	instance: '(sample, channel)',
	group: '(sample, group of channels)',
	rms: 'sample'
};

export const sharedCells: NxCheckpoint = {
	id: 'shared-cells',
	settings: (random) => ({
		layout: 'image',
		method: pick(['batch', 'layer', 'instance', 'group', 'group'] as const, random),
		groups: pick([2, 4], random),
		batch: pick([2, 3], random),
		channels: 8
	}),
	prompt: (s) =>
		`${methodName(s)} on images, batch ${s.batch}, C = ${s.channels} channels: which (sample, channel) slices share one mean and variance with sample 1, channel 1? (Every position of a slice is in or out together.)`,
	answer: (s) => ({
		kind: 'cells',
		rows: s.batch,
		cols: s.channels,
		rowLabels: Array.from({ length: s.batch }, (_, n) => `sample ${n + 1}`),
		colLabels: Array.from({ length: s.channels }, (_, c) => `channel ${c + 1}`)
	}),
	async solve(s) {
		const shape = storedShape('image', s);
		const g = grouping('image', s.method, shape, effectiveGroups(s.groups, s.channels));
		const home = g.of(0, 0, 0);
		const cells: string[] = [];
		for (let n = 0; n < s.batch; n++) for (let c = 0; c < s.channels; c++) if (g.of(n, c, 0) === home) cells.push(`${n},${c}`);
		return {
			expected: { kind: 'cells', cells },
			shown: `${cells.length} slice${cells.length === 1 ? '' : 's'}: ${g.label(home)}`,
			explanation:
				`${methodName(s)} takes one mean and variance per ${PER[s.method]}: ${g.count} sets of ${g.size} values each. ` +
				(cells.length === 1
					? 'Sample 1, channel 1 shares its set with no other slice: each is normalized over its own positions only.'
					: `Sample 1, channel 1 shares its set with ${cells.length - 1} other slice${cells.length === 2 ? '' : 's'}` +
						(s.method === 'batch'
							? ', the same channel in the other samples: BatchNorm is the only one that looks across the batch.'
							: ', all in sample 1: it never looks across the batch.'))
		};
	}
};

export const batchMeanNoise: NxCheckpoint = {
	id: 'batch-mean-noise',
	settings: (random) => ({ layout: 'image', method: 'batch', batch: pick([2, 4, 8, 16, 32], random) }),
	prompt: (s) =>
		`BatchNorm, batch of ${s.batch}: how noisy is its mean? The spread (standard deviation) of a channel's batch mean is what fraction of the spread of a single sample's mean?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.05 }),
	async solve(s) {
		// The mean of B independent draws has variance σ²/B: its spread is 1/√B of one draw's.
		const fraction = 1 / Math.sqrt(s.batch);
		return {
			expected: { kind: 'number', value: fraction },
			shown: `1/√${s.batch} = ${formatNumber(fraction)}`,
			explanation:
				`A batch mean averages ${s.batch} independent samples, so its variance is σ²/${s.batch} and its spread ${formatNumber(fraction)} of one sample's. ` +
				`Every sample is normalized with that noisy estimate, so its output depends on its batch-mates; halving the noise takes four times the batch.`
		};
	}
};

/** Output of the first real token when a zero-padded batch of sequences is normalized, with `pad` padding tokens. */
export function firstTokenOutput(method: Method, pad: number, seed: number, features = 8, realTokens = 6, batch = 2): Float64Array {
	const rng = createRng(seed);
	const T = realTokens + pad;
	const x = new Float64Array(batch * T * features);
	for (let b = 0; b < batch; b++)
		for (let t = 0; t < realTokens; t++) for (let d = 0; d < features; d++) x[(b * T + t) * features + d] = 1 + rng.normal();
	const { y } = normalizeReference(x, 'sequence', method, [batch, T, features], 1, 1e-5);
	return y.slice(0, features);
}

const PADDING_OPTIONS = [
	{ id: 'batch', label: 'BatchNorm only' },
	{ id: 'layer', label: 'LayerNorm only' },
	{ id: 'both', label: 'Both' },
	{ id: 'neither', label: 'Neither' }
] as const;

export const paddingLeak: NxCheckpoint = {
	id: 'padding-leak',
	settings: (random) => ({ layout: 'sequence', seed: 1 + Math.floor(random() * 999) }),
	prompt: () =>
		'A batch of sequences is padded with zero tokens to a common length. Add more padding: whose output for a real token changes, BatchNorm’s or LayerNorm’s?',
	answer: () => ({ kind: 'choice', options: PADDING_OPTIONS }),
	async solve(s) {
		const change = (method: Method) => {
			const a = firstTokenOutput(method, 2, s.seed);
			const b = firstTokenOutput(method, 10, s.seed);
			return Math.max(...a.map((v, i) => Math.abs(v - b[i])));
		};
		const batch = change('batch');
		const layer = change('layer');
		const moved = (d: number) => d > 1e-9;
		const id = moved(batch) ? (moved(layer) ? 'both' : 'batch') : moved(layer) ? 'layer' : 'neither';
		return {
			expected: { kind: 'choice', id },
			shown: PADDING_OPTIONS.find((o) => o.id === id)!.label,
			explanation:
				`Going from 2 to 10 padding tokens moved the first token's BatchNorm output by up to ${formatNumber(batch)} and its LayerNorm output by ${formatNumber(layer)}. ` +
				`BatchNorm pools each feature over every token of the batch, zeros included, so padding drags its mean and variance; LayerNorm only looks at one token's own features.`
		};
	}
};

const checkpoints: NxCheckpoint[] = [sharedCells, batchMeanNoise, paddingLeak];
export default checkpoints;
