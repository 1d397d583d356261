/** The vanishing-gradients lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import type { Schema, StateOf } from '$lib/state/schema';
import { defineLab } from '$lib/labs/defineLab';
import { articleFigure, embeddableFigure, enumField, options } from '$lib/labs/declare';
import { figureRefs } from '$lib/labs/figureNumbers';

const activations = options({ sigmoid: 'sigmoid', tanh: 'tanh', relu: 'ReLU', leaky_relu: 'leaky ReLU', gelu: 'GELU' });
const inits = options({ normal1: 'N(0, 1)', small: 'N(0, 0.01²)', xavier: 'Xavier', he: 'He', custom: 'custom σ' });

const modelControls = ['depth', 'width', 'act', 'init', 'sigma', 'residual', 'norm', 'seed'] as const;

// Declared first: the controls' labels name figures by their number, which is their place here.
const figures = [
	embeddableFigure('gradient-norms', 'Gradient norm at every layer', () => import('./GradientNormsFigure.svelte'), modelControls),
	embeddableFigure('activations', 'Activations through depth', () => import('./ActivationsFigure.svelte'), modelControls),
	articleFigure('derivative', 'The activation and its derivative', () => import('./DerivativeFigure.svelte')),
	articleFigure('variance', 'Variance propagation', () => import('./VarianceFigure.svelte')),
	articleFigure('training', 'Does it train?', () => import('./TrainingFigure.svelte'))
] as const;
const figure = figureRefs(figures);

export const schema = {
	depth: { kind: 'int', label: 'Depth (hidden layers)', min: 1, max: 50, default: 20 },
	// 256, not the spec's 512: at depth 50 a width of 512 means 13 M weights drawn and pushed
	// through a forward and backward pass on every change, which WebAssembly on a 2-core laptop
	// cannot serve within 10 s; 256 takes a quarter of that. A link asking for more is clamped
	// with the usual note.
	width: { kind: 'int', label: 'Width (units per layer)', min: 8, max: 256, default: 64 },
	act: enumField('Activation', activations, 'sigmoid'),
	init: enumField('Weight init', inits, 'xavier'),
	sigma: { kind: 'number', label: 'σ (custom init)', min: 0.01, max: 3, default: 1, log: true },
	residual: { kind: 'bool', label: 'Residual connections', default: false },
	norm: { kind: 'bool', label: 'LayerNorm before each activation', default: false },
	seed: { kind: 'int', label: 'Seed', min: 0, max: 999999, default: 1 },
	layer: { kind: 'int', label: `Layer inspected (${figure('derivative')})`, min: 1, max: 50, default: 1 }
} satisfies Schema;

export type VgSchema = typeof schema;
type VgState = StateOf<VgSchema>;

/** What each fixed init does with σ, said where the σ slider is disabled. */
const fixedSigma: Record<Exclude<VgState['init'], 'custom'>, string> = {
	xavier: 'Xavier sets σ from the layer width: σ² = 2 / (fan-in + fan-out).',
	he: 'He sets σ from the layer width: σ² = 2 / fan-in.',
	normal1: 'N(0, 1) fixes σ = 1.',
	small: 'N(0, 0.01²) fixes σ = 0.01.'
};

export const vanishingGradients = defineLab({
	slug: 'vanishing-gradients',
	title: 'Vanishing and exploding gradients',
	summary:
		'Why deep networks stop learning: the chain rule as a product of Jacobians, variance propagation, Xavier and He init, and the residual highway.',
	questions: [
		'Explain the vanishing gradient problem and how modern networks avoid it.',
		'Derive Xavier and He initialization. Why does ReLU need a factor of 2?',
		'Why do residual connections make very deep networks trainable?'
	],
	schema,
	scenes: [
		{
			id: 'sigmoid-vanishes',
			title: 'Sigmoid, depth 20, Xavier: gradients vanish',
			caption: 'Each layer multiplies the gradient by at most ¼ times the weight norm: layer 1 hears almost nothing.',
			state: { act: 'sigmoid', depth: 20, init: 'xavier' },
			figures: ['gradient-norms', 'derivative']
		},
		{
			id: 'relu-explodes',
			title: 'ReLU with N(0, 1) weights: everything explodes',
			caption: 'With Var(w) = 1 and 64 inputs, each layer multiplies the second moment by about 32.',
			state: { act: 'relu', depth: 20, init: 'normal1' },
			figures: ['gradient-norms', 'variance']
		},
		{
			id: 'relu-he',
			title: 'ReLU with He init: variance preserved',
			caption: 'Var(w) = 2/nᵢₙ exactly undoes ReLU halving the second moment: the bars stay level.',
			state: { act: 'relu', depth: 20, init: 'he' },
			figures: ['variance'],
			derivation: 'variance',
			derivationBeside: true
		},
		{
			id: 'tanh-small',
			title: 'Tanh, small init: collapse to zero',
			caption: 'With σ = 0.01 every layer shrinks the signal by about 0.08; after a few layers nothing is left.',
			state: { act: 'tanh', depth: 20, init: 'small' },
			figures: ['activations', 'variance']
		},
		{
			id: 'residual-highway',
			title: 'Sigmoid, depth 50, residual: the gradient highway',
			caption: 'The identity path in each block carries the gradient past the saturating sigmoids.',
			state: { act: 'sigmoid', depth: 50, init: 'xavier', residual: true },
			figures: ['gradient-norms']
		}
	],
	figures,
	inactive: {
		sigma: (s) => (s.init === 'custom' ? null : `${fixedSigma[s.init]} Choose “custom σ” to set it.`)
	},
	// Opens the page, under the title (and is not placed again in the article).
	hero: 'gradient-norms',
	bench: { key: 'depth', values: [21, 20] },
	derivations: { variance: () => import('./VarianceDerivation.svx') },
	checkpoints: [
		{ id: 'gradient-ratio', figure: 'gradient-norms', title: 'How much smaller is layer 1’s gradient?', varies: true, derivation: 'chain-rule' },
		{ id: 'tanh-collapse', figure: 'activations', title: 'Tanh with tiny weights: what is left at the top?', varies: false, derivation: 'variance-derivation' },
		{ id: 'relu-init', figure: 'variance', title: 'Which init keeps ReLU’s variance level?', varies: true, derivation: 'variance-derivation' }
	],
	loadCheckpoints: () => import('./checkpoints'),
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.VgController)
});
