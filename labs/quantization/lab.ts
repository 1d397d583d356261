/** The quantization lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import { articleFigure, embeddableFigure, enumField, options } from '$lib/labs/declare';
import { defineLab } from '$lib/labs/defineLab';
import { figureRefs } from '$lib/labs/figureNumbers';
import type { Schema, StateOf } from '$lib/state/schema';
import { BITS, type WeightFormat } from './weightFormats';
import { inputOf } from './figureTensor';

// Declared first: captions name figures by their number, which is their place here.
const figures = [
	embeddableFigure('grid', 'The grid: one tensor rounded to b bits (analytic)', () => import('./GridFigure.svelte'), [
		'task',
		'tensor',
		'wbits',
		'scheme',
		'gran',
		'abits',
		'calib',
		'pct'
	]),
	embeddableFigure('accuracy', 'Accuracy vs bits (measured)', () => import('./AccuracyFigure.svelte'), ['task', 'wbits', 'scheme', 'gran', 'abits', 'calib', 'pct', 'emb']),
	embeddableFigure('outlier', 'The outlier (measured)', () => import('./OutlierFigure.svelte'), ['task', 'outlier', 'fix', 'alpha']),
	articleFigure('qat', 'PTQ vs QAT (trained live)', () => import('./QatFigure.svelte')),
	articleFigure('pruning', 'Pruning (measured)', () => import('./PruningFigure.svelte')),
	articleFigure('distill', 'Distillation (trained live)', () => import('./DistillFigure.svelte'))
] as const;
const figure = figureRefs(figures);
const floatActs = `Activations stay float: set activation bits, or show a linear layer’s inputs in ${figure('grid')}, to calibrate them.`;

const tasks = options({ copy: 'copy', reverse: 'reverse', sort: 'sort' });
const schemes = options({ sym: 'symmetric (z = 0)', asym: 'asymmetric (zero point)' });
const grans = options({ tensor: 'per tensor', channel: 'per output channel' });
/**
 * Weight formats: integer bits, then the float formats (weightFormats.ts). Listed here, since
 * options() would put whole-number keys first.
 */
const weightFormats: readonly { value: WeightFormat; label: string }[] = [
	...BITS.map((b) => ({ value: `${b}` as const, label: `${b} bits (integer grid)` })),
	{ value: 'fp16', label: 'fp16 (half precision)' },
	{ value: 'bf16', label: 'bf16 (bfloat16)' },
	{ value: 'fp32', label: 'fp32 (as trained)' }
];
/** Activation bits: written out, since options() would put whole-number keys first. */
const abitsChoices = [
	{ value: 'off', label: 'off (float activations)' },
	...(['4', '5', '6', '7', '8'] as const).map((b) => ({ value: b, label: `${b} bits` }))
] as const;
const fixes = options({
	none: 'none',
	llmint8: 'LLM.int8 (outlier channels stay float)',
	smooth: 'SmoothQuant (scales folded into the weights)',
	channel: 'per-channel activation scales (fake-quant only)'
});
const pruneMethods = options({
	layer: 'magnitude, per layer',
	global: 'magnitude, global',
	neurons: 'structured: MLP neurons',
	heads: 'structured: attention heads'
});
const calibs = options({ minmax: 'min-max', pct: 'percentile', mse: 'least MSE' });
/**
 * Figure 1's tensors: the linear layers' weights of the two-layer transformer, [n_in, n_out] each,
 * then their inputs on the calibration sequences (inputGrid.ts; W_q, W_k and W_v read one input).
 */
const tensors = options({
	'l0.q.w': 'layer 1, W_q',
	'l0.k.w': 'layer 1, W_k',
	'l0.v.w': 'layer 1, W_v',
	'l0.o.w': 'layer 1, W_o',
	'l0.mlp1.w': 'layer 1, MLP in',
	'l0.mlp2.w': 'layer 1, MLP out',
	'l1.q.w': 'layer 2, W_q',
	'l1.k.w': 'layer 2, W_k',
	'l1.v.w': 'layer 2, W_v',
	'l1.o.w': 'layer 2, W_o',
	'l1.mlp1.w': 'layer 2, MLP in',
	'l1.mlp2.w': 'layer 2, MLP out',
	'l0.q.x': 'layer 1, attention input (to W_q, W_k, W_v)',
	'l0.o.x': 'layer 1, input of W_o',
	'l0.mlp1.x': 'layer 1, input of MLP in',
	'l0.mlp2.x': 'layer 1, input of MLP out (after ReLU)',
	'l1.q.x': 'layer 2, attention input (to W_q, W_k, W_v)',
	'l1.o.x': 'layer 2, input of W_o',
	'l1.mlp1.x': 'layer 2, input of MLP in',
	'l1.mlp2.x': 'layer 2, input of MLP out (after ReLU)'
});

/**
 * The controls. Figure 1 is a TypeScript quantizer over at most 2048 weights (seven times, for
 * the MSE-per-bit column) and one small dequantization graph, cheap at every setting. Figure 2
 * runs the transformer on 160 held-out sequences 17 times (24 with activations on, plus one
 * calibration run), once per task, scheme, embeddings and activation setting (cached). Figure 3
 * makes 3 to 5 model runs per task, c, remedy and α, started when they change, after the lab is ready.
 * Figure 5 (pruning) makes its sweep's runs once per task, then one run per method and fraction.
 * PTQ vs QAT and distillation train two runs each when the reader presses Start.
 */
export const schema = {
	task: enumField('Task (which trained model)', tasks, 'copy'),
	tensor: enumField('Tensor (weights, or a linear layer’s inputs)', tensors, 'l0.mlp1.w'),
	wbits: enumField('Weight format (bits b)', weightFormats, '4'),
	scheme: enumField('Grid', schemes, 'sym'),
	gran: enumField('Weight scales', grans, 'tensor'),
	abits: enumField('Activation bits', abitsChoices, 'off'),
	calib: enumField('Activation range (calibration)', calibs, 'minmax'),
	pct: { kind: 'number', label: 'Percentile kept', min: 99, max: 99.999, default: 99.9 },
	emb: { kind: 'bool', label: 'Quantize the embeddings too', default: true },
	outlier: { kind: 'number', label: 'Outlier: one channel of layer 1’s attention input × c', min: 1, max: 200, default: 1, log: true },
	fix: enumField('Outlier remedy (W8A8)', fixes, 'none'),
	alpha: { kind: 'number', label: 'SmoothQuant migration strength α', min: 0, max: 1, default: 0.5 },
	prune: enumField('Pruning method', pruneMethods, 'layer'),
	sparsity: { kind: 'number', label: 'Fraction of linear weights pruned', min: 0, max: 0.95, default: 0.5 },
	qsteps: { kind: 'int', label: 'QAT steps', min: 0, max: 1000, default: 300 },
	T: { kind: 'number', label: 'Distillation temperature T', min: 1, max: 20, default: 4, log: true },
	kdalpha: { kind: 'number', label: 'Weight α of the soft targets', min: 0, max: 1, default: 0.9 },
	labels: { kind: 'int', label: 'Labelled points the students see', min: 32, max: 2048, default: 128 },
	seed: { kind: 'int', label: 'Seed (QAT batches, students)', min: 0, max: 999999, default: 1 }
} satisfies Schema;

export type QuantizationSchema = typeof schema;
export type QuantizationState = StateOf<QuantizationSchema>;

export const quantization = defineLab({
	slug: 'quantization',
	title: 'Quantization, pruning and distillation',
	summary:
		'A small transformer made cheaper: its weights rounded to a few bits (after training or through it), pruned, or distilled into a student, with the accuracy each choice keeps.',
	questions: [
		'Make inference 5x faster, keep accuracy: what, in what order?',
		'PTQ or QAT: when is calibration enough; how do you train through rounding?',
		'Per-tensor or per-channel, sym or asym? Why are activations harder?',
		'Why does only structured pruning give real speedups?',
		'Distillation: why soften with T, and why the T² factor?'
	],
	schema,
	scenes: [
		{
			id: 'int4-channel',
			title: 'INT4: per-tensor vs per-channel',
			caption:
				'At 4 bits one per-tensor grid is as coarse as the widest channel needs; with a scale per output channel the narrow channels get fine grids and the error falls.',
			state: { wbits: '4', gran: 'channel' },
			figures: ['grid']
		},
		{
			id: 'outlier-smooth',
			title: 'Outlier c = 100, then SmoothQuant',
			caption:
				'One channel of the attention input made 100× wider, its weight rows 100× narrower: the float model is unchanged, the per-tensor INT8 step is set by that one channel and W8A8 accuracy falls; SmoothQuant moves the range into the weights and it comes back.',
			state: { outlier: 100, fix: 'smooth', alpha: 0.5 },
			figures: ['outlier']
		},
		{
			id: 'w4a4-qat',
			title: 'W4A4: PTQ vs QAT',
			caption:
				'Weights and activations rounded to 4 bits after training lose a sizeable share of the tokens. A few hundred steps of training through the rounding, with gradients passed straight through it, win them back; the same steps in float, rounded afterwards, do not.',
			state: { wbits: '4', abits: '4', gran: 'tensor', qsteps: 300 },
			figures: ['qat']
		},
		{
			id: 'pruned-half',
			title: '50% pruned: zeros don’t run faster',
			caption:
				'Half the linear weights set to zero by magnitude: most held-out tokens stay right, but every matrix keeps its shape and a dense kernel still runs all its FLOPs. Removing whole MLP neurons shrinks the matrices and the FLOPs, and at the same fraction costs more accuracy.',
			state: { prune: 'layer', sparsity: 0.5 },
			figures: ['pruning']
		},
		{
			id: 'kd-128',
			title: 'KD from 128 labels, T = 4',
			caption:
				'Two small students see the same 128 labelled points. The one trained on hard labels fits their noise; the one trained on the teacher’s outputs softened at T = 4 learns where the arms overlap, and scores close to the teacher on points neither has seen.',
			state: { labels: 128, T: 4, kdalpha: 0.9 },
			figures: ['distill']
		}
	],
	figures,
	inactive: {
		// Figure 1 calibrates a linear layer's inputs whatever the activation bits.
		calib: (s) => (s.abits === 'off' && !inputOf(s.tensor) ? floatActs : null),
		pct: (s) =>
			s.abits === 'off' && !inputOf(s.tensor)
				? floatActs
				: s.calib === 'pct'
					? null
					: 'Only the percentile calibration uses it.',
		alpha: (s) => (s.fix === 'smooth' ? null : 'Only SmoothQuant uses α: choose it as the remedy.')
	},
	hero: 'grid',
	checkpoints: [
		{ id: 'bit-ratio', figure: 'grid', title: 'What one more bit buys', varies: true, derivation: 'noise' },
		{ id: 'channel-wins', figure: 'grid', title: 'Per-tensor or per-channel at 4 bits', varies: true, derivation: 'scales' },
		{ id: 'int8-sqnr', figure: 'grid', title: 'The SQNR of INT8 weights', varies: true, derivation: 'noise' },
		{ id: 'int8-points', figure: 'accuracy', title: 'INT8 per-tensor: points lost?', varies: true, derivation: 'accuracy-bits' },
		{ id: 'outlier-w8a8', figure: 'outlier', title: 'One channel ×100, float unchanged: W8A8 accuracy?', varies: true, derivation: 'outlier-derivation' },
		{ id: 'qat-w4a4', figure: 'qat', title: 'W4A4 after 300 QAT steps?', varies: true, derivation: 'ste' },
		{ id: 'prune-half', figure: 'pruning', title: '50% pruned: which keeps accuracy, which is faster?', varies: true }
	],
	loadCheckpoints: () => import('./checkpoints'),
	// Its sweeps (accuracy per bit width, calibration, timing) run many sessions on the page's
	// runtime; on the main thread its first slide's fit came out a step narrow in two full test
	// runs (never alone): it keeps ORT's worker, as before, and its redraws met the target there.
	runtimeInWorker: true,
	bench: { key: 'wbits', values: ['5', '4'] },
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.QuantizationController)
});
