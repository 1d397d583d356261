/** The backprop lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import { defineLab } from '$lib/labs/defineLab';
import { articleFigure, embeddableFigure, enumField, options } from '$lib/labs/declare';
import { figureRefs } from '$lib/labs/figureNumbers';
import type { Schema } from '$lib/state/schema';
import { validateWeights } from './weights';

const graphControls = ['hidden', 'act', 'loss', 'batch', 'xgrad', 'seed'] as const;

const figures = [
	// One embed for figures 1 and 2 (the spec's "graphs and stepper"): embedded, figure 1 draws the backward graph under its own.
	embeddableFigure('forward-graph', 'The forward graph, node by node', () => import('./ForwardFigure.svelte'), graphControls, {
		embedTitle: 'The forward and backward graphs, node by node',
		embedCaption:
			'The forward graph of a small MLP and the backward graph autodiff generated from it, one ONNX node per box: step through both, drag a weight, and hover a box to find its partner in the other pass.'
	}),
	articleFigure('backward-graph', 'The backward graph autodiff generated', () => import('./BackwardFigure.svelte')),
	articleFigure('softmax-ce', 'Softmax and cross-entropy up close', () => import('./SoftmaxFigure.svelte')),
	embeddableFigure('log-sum-exp', 'Log-sum-exp in float32: naive against stable', () => import('./LseFigure.svelte'), []),
	embeddableFigure('gradient-check', 'The gradient check: central differences against backward', () => import('./GradcheckFigure.svelte'), ['act', 'hidden', 'batch', 'loss', 'seed']),
	embeddableFigure('detach-inplace-accumulation', 'Detach, in-place, accumulation', () => import('./TricksFigure.svelte'), ['detach', 'act', 'seed'])
] as const;
const figure = figureRefs(figures);

/** More than any graph here has nodes (model.test.ts builds every one); the figures clamp. */
export const MAX_STEP = 48;

export const schema = {
	hidden: { kind: 'int', label: 'Hidden units', min: 2, max: 8, default: 3 },
	act: enumField('Activation', options({ tanh: 'tanh', relu: 'ReLU', sigmoid: 'sigmoid' }), 'tanh'),
	loss: enumField('Loss on the softmax', options({ ce: 'cross-entropy', mse: 'squared error' }), 'ce'),
	batch: { kind: 'int', label: 'Batch size', min: 1, max: 16, default: 1 },
	step: { kind: 'int', label: `Nodes revealed (${figure('forward-graph')}, ${figure('backward-graph')})`, min: 0, max: MAX_STEP, default: 0 },
	xgrad: { kind: 'bool', label: 'Also compute ∂L/∂X', default: false },
	lse: enumField(`Loss graph (${figure('log-sum-exp')})`, options({ stable: 'stable (max subtracted)', naive: 'naive (exp, sum, divide, log)' }), 'stable'),
	scale: { kind: 'number', label: `Logit scale s (${figure('log-sum-exp')})`, min: 1, max: 1e4, default: 1, log: true },
	detach: enumField(`Stop-gradient, detach (${figure('backward-graph')}, ${figure('detach-inplace-accumulation')})`, options({ none: 'none', hidden: 'on h₁ (hidden output)', lsemax: 'on m = max z' }), 'none'),
	inplace: enumField('In-place t.mul_(2) after forward', options({ none: 'none', z1: 't = z₁ (pre-activation)', h1: 't = h₁' }), 'none'),
	// Written out (not options()): the values are whole numbers, which an object would reorder.
	k: enumField('Micro-batches k (a batch of 16)', [
		{ value: '1', label: '1 of 16' },
		{ value: '2', label: '2 of 8' },
		{ value: '4', label: '4 of 4' },
		{ value: '8', label: '8 of 2' }
	], '4'),
	acc: enumField('Accumulation', options({ ok: 'loss ÷ k, zero_grad first', nodiv: 'forgot ÷ k', nozero: 'forgot zero_grad' }), 'ok'),
	h: { kind: 'number', label: `Difference step h (${figure('gradient-check')})`, min: 1e-8, max: 1, default: 3e-3, log: true },
	w: { kind: 'text', label: `Dragged weights, e.g. W1[0]=0.5,b2[2]=-1 (${figure('forward-graph')})`, default: '', validate: validateWeights },
	seed: { kind: 'int', label: 'Seed (weights and data)', min: 0, max: 999999, default: 1 }
} satisfies Schema;

export type BackpropSchema = typeof schema;

export const backprop = defineLab({
	slug: 'backprop',
	title: 'Backpropagation, step by step',
	summary:
		'What loss.backward() does node by node: the real ONNX graph of a small MLP, the backward graph our autodiff generates from it, and the softmax–cross-entropy gradient p − y.',
	questions: [
		'What happens, node by node, when you call loss.backward()?',
		'Derive ∂L/∂z for softmax + cross-entropy. Why subtract max(z)? Why not MSE?',
		'detach(), in-place ops, gradient accumulation, zero_grad: what does each do to backward?',
		'Derive backprop for a custom layer, and check it.'
	],
	schema,
	scenes: [
		{
			id: 'forward',
			title: '2-3-3 tanh: the forward pass, node by node',
			caption: 'Each key press runs one more ONNX node, in the order the graph was built, from the inputs to the loss.',
			state: { hidden: 3, act: 'tanh', loss: 'ce', batch: 1, step: 10, xgrad: false },
			figures: ['forward-graph']
		},
		{
			id: 'backward',
			title: 'Then backward, from the seed ∂L/∂L = 1',
			caption: 'Autodiff appended these nodes: each runs one vector–Jacobian rule, reading the saved forward tensors on the left.',
			state: { hidden: 3, act: 'tanh', loss: 'ce', batch: 1, step: MAX_STEP, xgrad: false },
			figures: ['backward-graph']
		},
		{
			id: 'xgrad',
			title: 'Asking for ∂L/∂X: one more MatMul',
			caption: 'With the input differentiated too, backward multiplies ∂L/∂z₁ by W₁ᵀ: one more matrix product, and W₁ becomes a saved tensor.',
			state: { hidden: 3, act: 'tanh', loss: 'ce', batch: 1, step: MAX_STEP, xgrad: true },
			figures: ['backward-graph']
		},
		{
			id: 'softmax-gradient',
			title: 'Cross-entropy: ∂L/∂z = p − y',
			caption: 'The backward graph’s ∂L/∂z lands on p − y from the forward pass; with squared error it does not.',
			state: { hidden: 3, act: 'tanh', loss: 'ce', batch: 1 },
			figures: ['softmax-ce']
		},
		{
			id: 'naive-softmax',
			title: 'Naive softmax at s = 100: exp overflows',
			caption: 'e²⁰⁰ is past float32’s largest number: the naive graph’s Exp gives ∞ and every node after it ∞ or NaN. Subtracting the max first keeps every exponent ≤ 0.',
			state: { lse: 'naive', scale: 100 },
			figures: ['log-sum-exp']
		},
		{
			id: 'gradient-check',
			title: 'The gradient check: a V in h',
			caption: 'Large h: truncation error, slope 2. Small h: rounding, slope −1, arriving far sooner in float32 than in float64. The best float32 h is near (3u)^⅓ ≈ 5.6·10⁻³.',
			state: { hidden: 3, act: 'tanh', loss: 'ce', batch: 1, h: 3e-3 },
			figures: ['gradient-check']
		},
		{
			id: 'gradient-check-relu',
			title: 'ReLU: a kink inside the step',
			caption: 'An input closer to 0 than h puts the two nudged losses on opposite sides of the kink: their difference is not the derivative backward computes, and a smaller h is the cure.',
			state: { hidden: 3, act: 'relu', loss: 'ce', batch: 8, h: 0.1 },
			figures: ['gradient-check']
		},
		{
			id: 'inplace-accumulation',
			title: 'In-place on saved vs unsaved tensors; 4 micro-batches',
			caption: 'Doubling h₁ after forward corrupts backward, which reads it; z₁, which tanh’s backward never reads, is harmless. Four micro-batch gradients, each ÷ 4, add up to the one-batch gradient.',
			state: { hidden: 3, act: 'tanh', loss: 'ce', batch: 1, detach: 'none', inplace: 'h1', k: '4', acc: 'ok' },
			figures: ['detach-inplace-accumulation']
		},
		{
			id: 'inplace-unsaved',
			title: 'In-place on a tensor backward never reads',
			caption: 'Tanh’s backward reads h₁, not z₁: doubling z₁ after forward leaves every gradient as it was, and the check against central differences still passes.',
			state: { hidden: 3, act: 'tanh', loss: 'ce', batch: 1, detach: 'none', inplace: 'z1', k: '4', acc: 'ok' },
			figures: ['detach-inplace-accumulation']
		}
	],
	figures,
	drawnIn: {
		step: 'forward-graph',
		w: 'forward-graph',
		lse: 'log-sum-exp',
		scale: 'log-sum-exp',
		h: 'gradient-check',
		inplace: 'detach-inplace-accumulation',
		k: 'detach-inplace-accumulation',
		acc: 'detach-inplace-accumulation'
	},
	// The naive loss is written without a max (figure 4): there is no m for the stop-gradient to sit on.
	conflicts: {
		detach: (s) => (s.lse === 'naive' && s.detach === 'lsemax' ? 'The naive loss subtracts no max, so there is no m to detach: the graphs run without a stop-gradient.' : null)
	},
	hero: 'forward-graph',
	bench: { key: 'hidden', values: [4, 3] },
	checkpoints: [
		{ id: 'b2-signs', figure: 'backward-graph', title: 'Signs of ∂L/∂b₂ before running backward', varies: true, derivation: 'softmax-derivation' },
		{ id: 'saved-tensors', figure: 'backward-graph', title: 'What does backward keep?', varies: true, derivation: 'linear-derivation' },
		{ id: 'matmul-count', figure: 'backward-graph', title: 'How many matrix products does backward run?', varies: true, derivation: 'linear-derivation' },
		{ id: 'best-h', figure: 'gradient-check', title: 'Which h makes the float32 check most accurate?', varies: true, derivation: 'gradcheck-derivation' },
		{ id: 'naive-break', figure: 'log-sum-exp', title: 'When does the naive loss break?', varies: false, derivation: 'lse-derivation' },
		{ id: 'forgot-div', figure: 'detach-inplace-accumulation', title: 'Forgot ÷ k: how big is .grad?', varies: true, derivation: 'accumulation-derivation' }
	],
	loadCheckpoints: () => import('./checkpoints'),
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.BackpropController)
});
