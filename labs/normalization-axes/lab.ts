/** The normalization-axes lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import type { Schema } from '$lib/state/schema';
import { defineLab } from '$lib/labs/defineLab';
import { articleFigure, embeddableFigure, enumField, options } from '$lib/labs/declare';

const layouts = options({ image: 'image (N, C, H·W)', sequence: 'sequence (B, T, D)' });
const methods = options({ batch: 'BatchNorm', layer: 'LayerNorm', instance: 'InstanceNorm', group: 'GroupNorm', rms: 'RMSNorm' });

export const schema = {
	layout: enumField('Tensor view', layouts, 'image'),
	method: enumField('Normalization', methods, 'batch'),
	// Any value is accepted; the lab uses the divisor of C nearest to it and says so.
	groups: { kind: 'int', label: 'GroupNorm groups G (a divisor of C)', min: 1, max: 64, default: 4 },
	batch: { kind: 'int', label: 'Batch size', min: 1, max: 64, default: 8 },
	channels: { kind: 'int', label: 'Channels C (features D)', min: 4, max: 64, default: 16 },
	spatial: { kind: 'int', label: 'Positions H·W (tokens T)', min: 4, max: 64, default: 16 },
	eps: { kind: 'number', label: 'ε (epsilon)', min: 1e-8, max: 1e-1, default: 1e-5, log: true },
	seed: { kind: 'int', label: 'Data seed', min: 0, max: 999999, default: 1 }
} satisfies Schema;

export type NxSchema = typeof schema;

export const normalizationAxes = defineLab({
	slug: 'normalization-axes',
	title: 'Normalization axes',
	summary: 'BatchNorm, LayerNorm, GroupNorm, RMSNorm: which cells share a mean and a variance, and when each one fails.',
	questions: [
		'BatchNorm, LayerNorm, GroupNorm, RMSNorm: what does each normalize over, and when does each fail?',
		'Why do transformers use LayerNorm (or RMSNorm) rather than BatchNorm?',
		'Why does BatchNorm break with small batches, and what do you use instead?'
	],
	schema,
	scenes: [
		{
			id: 'batchnorm-32',
			title: 'BatchNorm on images, batch 32: it works',
			caption: 'Each channel pools 32 × 16 values: its batch mean is within a few percent of the population mean.',
			state: { layout: 'image', method: 'batch', batch: 32 },
			figures: ['axes-cube']
		},
		{
			id: 'batchnorm-2',
			title: 'BatchNorm at batch 2: noisy statistics',
			caption: 'Two samples per estimate: the mean a sample is normalized with now depends on who its one batch-mate is.',
			state: { layout: 'image', method: 'batch', batch: 2 },
			figures: ['axes-cube']
		},
		{
			id: 'layernorm-padded',
			title: 'LayerNorm on a padded sequence batch',
			caption: 'One mean and variance per token, over its features only: padding and other tokens never enter.',
			state: { layout: 'sequence', method: 'layer' },
			figures: ['axes-cube']
		},
		{
			id: 'groupnorm-1',
			title: 'GroupNorm with G = 1: LayerNorm',
			caption: 'One group holding every channel: the same set as LayerNorm over (C, H, W), and the same numbers.',
			state: { layout: 'image', method: 'group', groups: 1 },
			figures: ['axes-cube']
		},
		{
			id: 'groupnorm-c',
			title: 'GroupNorm with G = C: InstanceNorm',
			caption: 'One channel per group: each (sample, channel) is normalized on its own, exactly InstanceNorm.',
			state: { layout: 'image', method: 'group', groups: 16, channels: 16 },
			figures: ['axes-cube']
		},
		{
			id: 'rms-vs-layer',
			title: 'RMSNorm: LayerNorm’s axes, no mean',
			caption: 'Same set per token as LayerNorm, but it only divides by the root mean square: fewer operations, no centring.',
			state: { layout: 'sequence', method: 'rms' },
			figures: ['axes-cube']
		}
	],
	figures: [
		embeddableFigure('axes-cube', 'Which cells share a mean and a variance', () => import('./AxesCubeFigure.svelte'), [
			'layout', 'method', 'groups', 'batch', 'channels', 'spatial'
		]),
		articleFigure('before-after', 'Before and after, group by group', () => import('./BeforeAfterFigure.svelte')),
		embeddableFigure('batch-noise', "Batch size and the noise in BatchNorm's statistics", () => import('./BatchNoiseFigure.svelte'), [
			'layout', 'batch', 'groups', 'channels', 'spatial', 'seed'
		]),
		articleFigure('padding', 'Padding pollutes BatchNorm, not LayerNorm', () => import('./PaddingFigure.svelte')),
		articleFigure('cost', 'RMSNorm versus LayerNorm: operations and time', () => import('./CostFigure.svelte'))
	],
	// Opens the page, under the title (and is not placed again in the article).
	hero: 'axes-cube',
	bench: { key: 'batch', values: [9, 8] },
	checkpoints: [
		{ id: 'shared-cells', figure: 'axes-cube', title: 'Which slices share a mean?', varies: true, derivation: 'one-formula' },
		{ id: 'batch-mean-noise', figure: 'batch-noise', title: 'How noisy is BatchNorm’s mean?', varies: true, derivation: 'small-batches' },
		{ id: 'padding-leak', figure: 'padding', title: 'Does padding leak into the statistics?', varies: true, derivation: 'sequences' }
	],
	loadCheckpoints: () => import('./checkpoints'),
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.NxController)
});
