/** The overfitting lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import { articleFigure, embeddableFigure, enumField, flagsField, options } from '$lib/labs/declare';
import { figureRefs } from '$lib/labs/figureNumbers';
import { FIX_LABELS } from './fixes';
import { defineLab } from '$lib/labs/defineLab';
import type { Schema, StateOf } from '$lib/state/schema';

// Declared first: labels and captions name figures by their number, which is their place here.
const figures = [
	embeddableFigure('symptom', 'The symptom: training and validation curves', () => import('./SymptomFigure.svelte'), ['n', 'width', 'epochs', 'lr', 'seed', 'fixes']),
	articleFigure('glyphs', 'The data, and the untrained network', () => import('./GlyphsFigure.svelte')),
	embeddableFigure('checks', 'Data checks first: a leak, duplicates, a shift', () => import('./DataChecksFigure.svelte'), ['n', 'leak', 'split', 'shift', 'seed']),
	articleFigure('gap', 'Gap timing: when the validation loss turns, by width', () => import('./GapFigure.svelte')),
	embeddableFigure('fixes', 'One fix at a time', () => import('./FixesFigure.svelte'), ['n', 'width', 'lr', 'seed', 'seeds', 'aug', 'wd', 'dropout', 'patience']),
	articleFigure('curves', 'Learning curves: error against the number of training images', () => import('./LearningFigure.svelte')),
	articleFigure('noise', 'Label noise: clean labels first, noise later', () => import('./NoiseFigure.svelte'))
] as const;
const figure = figureRefs(figures);

/**
 * The controls. The page's own compute (one forward pass of the untrained network over both
 * sets, and the data checks: small models fitted to at most 384 images, 30 full-batch
 * steps each, and one distance matrix) stays cheap at every maximum; figure 1's training runs
 * only when the reader presses Start.
 * The spec's defaults: n = 256 and width 256 at 150 epochs train in about 15 s on one WASM
 * thread here (1200 AdamW steps of 32 images and 151 evaluations of 1256 images), and the
 * gap already opens within 10 epochs, so nothing had to be cut.
 */
export const schema = {
	n: { kind: 'int', label: 'Training images n', min: 32, max: 2048, default: 256 },
	width: { kind: 'int', label: 'Hidden units per layer', min: 8, max: 512, default: 256 },
	epochs: { kind: 'int', label: 'Epochs', min: 10, max: 500, default: 150 },
	lr: { kind: 'number', label: 'AdamW rate η', min: 1e-4, max: 1e-2, default: 1e-3, log: true },
	seed: { kind: 'int', label: 'Seed (data, initial weights, batch order)', min: 1, max: 999999, default: 1 },
	seeds: { kind: 'int', label: `Repeats over seeds (${figure('fixes', 'curves')})`, min: 1, max: 5, default: 1 },
	// Figure 2's faults, injected into the data on purpose (glyphs.ts); the deploy set never has them.
	leak: enumField('Injected leak', options({ off: 'none', train: 'watermark in train', both: 'watermark in train and validation', dup: 'copies of train in validation' }), 'off'),
	split: enumField('Validation split', options({ random: 'random', time: 'by time (last 25%)' }), 'random'),
	shift: { kind: 'number', label: 'Drift over time', min: 0, max: 1, default: 0 },
	// The fixes applied to the other training figures' runs (width ÷ 4 only where the figure does not set the width itself).
	fixes: flagsField(
		`Fixes applied (${figure('symptom', 'gap', 'curves', 'noise')})`,
		options(FIX_LABELS)
	),
	// Figure 4's fixes, at these strengths (fixes.ts).
	aug: { kind: 'int', label: 'Augmentation: random shift up to (px)', min: 1, max: 3, default: 2 },
	wd: { kind: 'number', label: 'Weight decay λ (AdamW)', min: 1e-3, max: 0.5, default: 0.1, log: true },
	dropout: { kind: 'number', label: 'Dropout rate p', min: 0.1, max: 0.7, default: 0.3 },
	patience: { kind: 'int', label: 'Early stopping patience (epochs)', min: 1, max: 100, default: 10 },
	// Figure 6: the share of training labels redrawn at random (noise.ts); validation stays clean.
	noise: { kind: 'number', label: 'Label noise ρ', min: 0, max: 1, default: 0 }
} satisfies Schema;

export type OverfittingSchema = typeof schema;
export type OverfittingState = StateOf<OverfittingSchema>;

export const overfitting = defineLab({
	slug: 'overfitting',
	title: 'Overfitting: diagnose, then fix',
	summary: 'A wide MLP trained live on a few hundred noisy glyph images: training loss falls to zero while validation loss turns and climbs, and the accuracy gap is far larger than its standard error.',
	questions: [
		'Validation loss climbs while training loss falls: how do you debug it, in what order?',
		'Could it be the data: leakage, a shifted validation set, a bad split?',
		'The gap opens at once, or after many epochs: what does each mean?'
	],
	schema,
	scenes: [
		{
			id: 'textbook',
			title: 'Width 256, n = 256: textbook overfitting',
			caption:
				'Press Start: the training loss falls toward zero and training accuracy reaches 100% within about ten epochs, while the validation loss bottoms out early and climbs. The shaded band is the gap.',
			state: { n: 256, width: 256 },
			figures: ['symptom']
		},
		{
			id: 'watermark',
			title: 'Watermark in train only: the probes find the pixel',
			caption:
				'A corner pixel set to a level that names the class, in the training images only. The one-pixel probe on that pixel scores at least 99%, 30 points or more above any other pixel: a leak the network can use instead of the shapes.',
			state: { leak: 'train' },
			figures: ['checks']
		},
		{
			id: 'time-split',
			title: 'Time split with drift: a gap even at width 8, n = 2048',
			caption:
				'The images drift over time and validation is the last quarter of it. Press Start: even 8 units per layer on 2048 images end more than 25 points better on training than on validation. The data checks’ classifier that tells the sets apart scores an AUC of 0.8 or more, far above its permutation band. Split the same images at random: the AUC falls inside the band, and validation ends 5 points or more higher; the gap left is the network’s own.',
			state: { split: 'time', shift: 1, width: 8, n: 2048 },
			// Figure 1 only: beside it the data checks (three panels) run 700 px past a 1920×1080 slide; the caption gives their AUC (tested).
			figures: ['symptom']
		},
		{
			id: 'fixes',
			title: 'Five fixes one at a time, then all at once',
			caption:
				'Press Train all runs: the baseline and four runs that each change one thing (shifted images, weight decay, dropout, a quarter of the width) from the same start and batch order; early stopping restores the baseline’s best weights; the last panel stacks them all. Which ends with the lowest validation loss?',
			state: { n: 256, width: 256 },
			figures: ['fixes']
		},
		{
			id: 'random-labels',
			title: 'ρ = 1: 100% train, chance validation',
			caption:
				'Every training label redrawn at random. Press Start: the network still drives its training accuracy to 100%, about as fast as with the true labels, while validation accuracy stays near the 25% of chance: it memorized labels that say nothing about the images.',
			state: { noise: 1, epochs: 60 },
			figures: ['noise']
		},
		{
			id: 'noise-40',
			title: 'ρ = 0.4: clean labels first, noise later',
			caption:
				'Four training labels in ten redrawn, on 2048 images with 32 units per layer (more images per weight than the default). The kept labels are fitted first and the redrawn ones lag; validation accuracy peaks while most of the noise is still unlearned, then falls as it is memorized.',
			// The spec's thresholds (≥ 90% kept, ≤ 50% redrawn at the best epoch) hold here, not at the
			// default 256 images and 256 units, which memorize the noise within a few epochs (noiseFacts.test.ts).
			state: { noise: 0.4, n: 2048, width: 32, epochs: 30 },
			figures: ['noise']
		}
	],
	figures,
	hero: 'symptom',
	checkpoints: [
		{ id: 'val-bottom', figure: 'symptom', title: 'Where does validation bottom out?', varies: false, derivation: 'smoothing' },
		{ id: 'accuracy-se', figure: 'symptom', title: 'Is a 2-point difference a result?', varies: false, derivation: 'accuracy-se' },
		{ id: 'initial-loss', figure: 'glyphs', title: 'The loss before any training', varies: true },
		{ id: 'leak-erased', figure: 'checks', title: 'Leak or overfit?', varies: false, derivation: 'probes' },
		{ id: 'which-fix', figure: 'fixes', title: 'Which fix wins?', varies: false, derivation: 'dropout' },
		{ id: 'random-labels', figure: 'noise', title: 'Random labels', varies: false, derivation: 'noise-ceiling' }
	],
	loadCheckpoints: () => import('./checkpoints'),
	bench: { key: 'width', values: [128, 256] },
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.OverfittingController)
});
