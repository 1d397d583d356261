/** The double-descent lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import type { Schema } from '$lib/state/schema';
import { defineLab } from '$lib/labs/defineLab';
import { articleFigure, embeddableFigure, enumField, options } from '$lib/labs/declare';
import { figureRefs } from '$lib/labs/figureNumbers';

const families = options({ relu: 'random ReLU features', fourier: 'random Fourier features' });
const targets = options({ sine: 'sine', step: 'step', polynomial: 'polynomial' });

export const schema = {
	n: { kind: 'int', label: 'Training points n', min: 5, max: 200, default: 40 },
	noise: { kind: 'number', label: 'Label noise (std)', min: 0, max: 1, default: 0.3 },
	features: enumField('Features', families, 'relu'),
	lambda: { kind: 'number', label: 'Ridge λ', min: 1e-8, max: 10, default: 0, log: true, allowZero: true },
	// The spec's range is 1..20n; the schema cannot depend on n, so the lab clamps p to 20n.
	p: { kind: 'int', label: 'Model size p of the fit shown', min: 1, max: 4000, default: 80 },
	seeds: { kind: 'int', label: 'Seeds averaged', min: 1, max: 20, default: 5 },
	target: enumField('True function', targets, 'sine'),
	seed: { kind: 'int', label: 'Data seed', min: 0, max: 999999, default: 1 }
} satisfies Schema;

export type DdSchema = typeof schema;

// The controls both embeddable figures show; the curve adds the true function.
const fitControls = ['n', 'noise', 'features', 'lambda', 'p', 'seeds'] as const;

// Declared first: scene captions name figures by their number, which is their place here.
const figures = [
	embeddableFigure('curve', 'Test error against model size p', () => import('./CurveFigure.svelte'), [...fitControls, 'target']),
	articleFigure('norm', 'Why: the norm of θ̂ and the smallest singular value of Φ', () => import('./NormFigure.svelte')),
	embeddableFigure('knobs', 'Knobs that move the peak', () => import('./KnobsFigure.svelte'), fitControls),
	// Not embeddable: the spec lists only figures 1 + 2 and 4 for embedding.
	articleFigure(
		'implicit',
		'Implicit regularization: gradient descent finds the minimum-norm interpolant',
		() => import('./TrainingFigure.svelte')
	),
	articleFigure('bias-variance', 'Bias² and variance against model size', () => import('./BiasVarianceFigure.svelte'))
] as const;
const figure = figureRefs(figures);

export const doubleDescent = defineLab({
	slug: 'double-descent',
	title: 'Double descent',
	summary: 'Test error against model size: the classical U, the spike at p = n, and the second descent.',
	questions: [
		'Classical theory says big models overfit. Why do modern overparameterized networks generalize?',
		'What is double descent, where is the peak, and what makes it disappear?',
		'What is implicit regularization?'
	],
	schema,
	scenes: [
		{
			id: 'classic-curve',
			title: 'The classic curve: noise 0.3, n = 40',
			caption: 'A U while p < n, a spike where the model can first interpolate (p = n), then a second descent.',
			state: { n: 40, noise: 0.3, lambda: 0, p: 80 },
			figures: ['curve']
		},
		{
			id: 'fit-at-threshold',
			title: 'The fit at p = n: wild interpolation',
			caption: 'With exactly as many features as points, the only interpolant swings far outside the data.',
			state: { n: 40, noise: 0.3, lambda: 0, p: 40 },
			figures: ['curve']
		},
		{
			id: 'best-ridge',
			title: 'Ridge λ at its best: the peak is gone',
			caption: 'A small ridge penalty caps ‖θ̂‖ where Φ is nearly singular; test error then falls steadily with p.',
			state: { n: 40, noise: 0.3, lambda: 0.1, p: 40 },
			figures: ['curve']
		},
		{
			id: 'no-noise',
			title: 'Noise 0: the peak nearly vanishes',
			caption: 'The spike is noise amplified by 1/σₘᵢₙ; with clean labels there is little to amplify.',
			state: { n: 40, noise: 0, lambda: 0, p: 40 },
			figures: ['curve']
		},
		{
			id: 'sample-wise',
			title: 'Sample-wise: more data hurts',
			caption: `Fix p = 60 and add points: test error rises as n approaches p, then falls again (${figure('knobs')}, the sample-wise panel on the right).`,
			state: { n: 40, noise: 0.3, lambda: 0, p: 60 },
			figures: ['knobs']
		}
	],
	figures,
	// Opens the page, under the title (and is not placed again in the article).
	hero: 'curve',
	// λ itself; the bench moves its log slider to their log10 positions, -2 and -1.5.
	bench: { key: 'lambda', values: [0.01, 0.0316] },
	checkpoints: [
		{ id: 'peak', figure: 'curve', title: 'Where does the test error peak?', varies: true, derivation: 'min-norm' },
		{ id: 'train-past-threshold', figure: 'curve', title: 'Training error past the threshold', varies: true, derivation: 'min-norm' },
		{ id: 'norm-ratio', figure: 'norm', title: 'How large is ‖θ̂‖ at the threshold?', varies: true, derivation: 'min-norm' }
	],
	loadCheckpoints: () => import('./checkpoints'),
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.DdController)
});
