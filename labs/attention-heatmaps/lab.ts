/** The attention-heatmaps lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import type { Schema } from '$lib/state/schema';
import { defineLab } from '$lib/labs/defineLab';
import { articleFigure, embeddableFigure, enumField, options } from '$lib/labs/declare';
import { MAX_LEN, parseTokens } from './tasks';

const tasks = options({ copy: 'copy', reverse: 'reverse', sort: 'sort' });

const pow2 = (from: number, to: number) => {
	const out: { value: string; label: string }[] = [];
	for (let v = from; v <= to; v *= 2) out.push({ value: String(v), label: v >= 1024 ? `${v / 1024}k` : String(v) });
	return out;
};
const dks = pow2(4, 1024);
const lengths = pow2(256, 131072);
const dtypes = options({ fp32: 'fp32 (4 B)', fp16: 'fp16 / bf16 (2 B)', int8: 'int8 (1 B)' });
const sparse = options({ window: 'sliding window', dilated: 'dilated', global: 'global + window' });

export const schema = {
	task: enumField('Task', tasks, 'copy'),
	tokens: {
		kind: 'text',
		label: 'Input digits',
		default: '5829314',
		validate: (v: string) => {
			const parsed = parseTokens(v);
			return parsed.ok ? null : parsed.message;
		}
	},
	layer: { kind: 'int', label: 'Layer', min: 0, max: 1, default: 0, oneBased: true },
	head: { kind: 'int', label: 'Head', min: 0, max: 3, default: 0, oneBased: true },
	query: { kind: 'int', label: 'Query position (last when past the end)', min: 0, max: MAX_LEN - 1, default: MAX_LEN - 1 },
	causal: { kind: 'bool', label: 'Causal mask', default: true },
	pos: { kind: 'bool', label: 'Positional encoding', default: true },
	// On by default, so the shuffled panel has a map at first paint, beside the original.
	shuffle: { kind: 'bool', label: 'Shuffle the tokens', default: true },
	dk: enumField('Key dimension dₖ', dks, '64'),
	scale: { kind: 'bool', label: 'Scale by 1/√dₖ', default: true },
	n: enumField('Sequence length n', lengths, '1024'),
	layers: { kind: 'int', label: 'Layers', min: 1, max: 128, default: 12 },
	heads: { kind: 'int', label: 'Query heads', min: 1, max: 128, default: 12 },
	// Between 1 and the query heads, so GQA differs from both MHA and MQA at first sight.
	kvHeads: { kind: 'int', label: 'KV heads (GQA groups)', min: 1, max: 128, default: 4 },
	headDim: { kind: 'int', label: 'Head dim', min: 16, max: 256, default: 64 },
	batch: { kind: 'int', label: 'Batch', min: 1, max: 64, default: 1 },
	dtype: enumField('Data type', dtypes, 'fp16'),
	tile: { kind: 'int', label: 'FlashAttention tile (keys per block)', min: 2, max: 8, default: 4 },
	sparse: enumField('Sparse pattern', sparse, 'window')
} satisfies Schema;

export type AttnSchema = typeof schema;

export const attentionHeatmaps = defineLab({
	slug: 'attention-heatmaps',
	title: 'Attention heatmaps',
	summary: 'A tiny transformer trained here, its heads drawn live: induction heads, why √dₖ, masks, and the n² wall.',
	questions: [
		'Explain self-attention. Why divide by √dₖ?',
		'What does multi-head attention buy you, and what do MQA and GQA trade away?',
		'Attention is O(n²): why, and what do FlashAttention, sparse and linear attention do about it?',
		'Why do transformers need positional encodings?'
	],
	schema,
	scenes: [
		{
			id: 'induction-head',
			title: 'Copy task: induction in layer 2',
			caption:
				'Each answer token looks back at the token that followed its earlier occurrence (the stripe left of the diagonal in the lower half): layer 2, head 4 does it most.',
			state: { task: 'copy', tokens: '5829314', layer: 1, head: 3 },
			figures: ['head-grid']
		},
		{
			id: 'reverse-antidiagonal',
			title: 'Reverse task: the anti-diagonal',
			caption: 'The first answer token reads the last input, the second the one before it: attention runs along the anti-diagonal.',
			state: { task: 'reverse', tokens: '5829314', layer: 1, head: 1 },
			figures: ['head-grid']
		},
		{
			id: 'no-scale-512',
			title: 'No √dₖ at dₖ = 512: softmax saturates',
			caption: 'Unscaled dot products have standard deviation √512 ≈ 23: the softmax is one-hot and its gradient vanishes.',
			state: { dk: '512', scale: false },
			figures: ['scale']
		},
		{
			id: 'positions-off-shuffled',
			title: 'Positions off, tokens shuffled: the pattern moves with the tokens',
			caption: 'Without positional information (and without the causal mask) attention is permutation-equivariant.',
			state: { task: 'sort', tokens: '72940', pos: false, causal: false, shuffle: true },
			figures: ['masks-positions']
		},
		{
			id: 'kv-cache-32k',
			title: '32k context, 32 heads, fp16: MHA vs GQA(8) vs MQA',
			caption: 'The KV cache grows with the number of KV heads: GQA with 8 groups stores a quarter of MHA, MQA 1/32.',
			state: { n: '32768', layers: 32, heads: 32, kvHeads: 8, headDim: 128, dtype: 'fp16', batch: 1 },
			figures: ['kv-cache']
		}
	],
	figures: [
		// Embeds stand alone: their captions name no other figure.
		embeddableFigure('head-grid', 'Every head of a trained transformer', () => import('./HeadGridFigure.svelte'), [], {
			embedCaption:
				'Rows are queries, columns are keys: a bright cell means the query reads that key. The number under each head is its mean weight on the token the answer must copy (bold: the highest). Pick a head to see its attention lines.'
		}),
		articleFigure('inside-head', 'Inside one head', () => import('./InsideHeadFigure.svelte'), {
			embedCaption:
				"The selected head and query: the query's dot products with every key, the same divided by √dₖ (masked keys become −∞), their softmax (the model's own row) and the weighted sum of the values."
		}),
		embeddableFigure('scale', 'Why divide by √dₖ', () => import('./ScaleFigure.svelte'), []),
		articleFigure('masks-positions', 'Masks and positions', () => import('./MasksPositionsFigure.svelte')),
		articleFigure('n2-wall', 'The n² wall and FlashAttention', () => import('./N2WallFigure.svelte')),
		embeddableFigure('kv-cache', 'MHA, GQA, MQA and the KV cache', () => import('./KvCacheFigure.svelte'), []),
		articleFigure('train', 'Train it yourself', () => import('./TrainingFigure.svelte'))
	],
	// Drawn beside the figure they change; the control panel keeps the head and query pickers.
	drawnIn: {
		task: 'head-grid',
		tokens: 'head-grid',
		dk: 'scale',
		scale: 'scale',
		causal: 'masks-positions',
		pos: 'masks-positions',
		shuffle: 'masks-positions',
		tile: 'n2-wall',
		sparse: 'n2-wall',
		n: 'n2-wall',
		layers: 'kv-cache',
		heads: 'n2-wall',
		kvHeads: 'kv-cache',
		headDim: 'kv-cache',
		batch: 'n2-wall',
		dtype: 'n2-wall'
	},
	// Any control re-runs the model; the selected layer keeps the sequence (and the work) fixed.
	// Opens the page, under the title (and is not placed again in the article).
	hero: 'head-grid',
	bench: { key: 'layer', values: [1, 0] },
	derivations: { 'online-softmax': () => import('./OnlineSoftmaxDerivation.svx') },
	checkpoints: [
		{ id: 'source-heads', figure: 'head-grid', title: 'Which heads read the token to write?', varies: true, derivation: 'real-model' },
		{ id: 'query-reads', figure: 'inside-head', title: 'Which key does this query read?', varies: true, derivation: 'inside-one-head' },
		{ id: 'score-spread', figure: 'scale', title: 'How spread out are raw scores?', varies: true, derivation: 'why-scale' }
	],
	loadCheckpoints: () => import('./checkpoints'),
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.AttnController)
});
