/** The diffusion-schedules lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import type { Schema, StateOf } from '$lib/state/schema';
import { defineLab } from '$lib/labs/defineLab';
import { articleFigure, embeddableFigure, enumField, options } from '$lib/labs/declare';
import { CUSTOM_DEFAULT, CUSTOM_RANGE } from './schedules';

const schedules = options({ linear: 'linear', cosine: 'cosine', sigmoid: 'sigmoid', custom: 'custom' });
const datasets = options({ moons: 'two moons', spiral: 'spiral', mixture: 'Gaussian mixture' });

/** Figure 4 always shows both panels; this says what runs on opening and on "Sample". */
const samplers = options({ ddpm: 'DDPM (T steps) and DDIM', ddim: 'DDIM (k steps) only' });

const knot = (i: number, where: string) => ({
	kind: 'number' as const,
	label: `Custom log-SNR at t = ${where}`,
	min: CUSTOM_RANGE[0],
	max: CUSTOM_RANGE[1],
	default: CUSTOM_DEFAULT[i]
});

export const schema = {
	schedule: enumField('Schedule', schedules, 'cosine'),
	compare: enumField('Compared with', schedules, 'linear'),
	T: { kind: 'int', label: 'Diffusion steps T', min: 10, max: 1000, default: 1000 },
	t: { kind: 'int', label: 'Step t', min: 0, max: 1000, default: 500 },
	data: enumField('2D data set', datasets, 'moons'),
	sampler: enumField('Sampler', samplers, 'ddim'),
	steps: { kind: 'int', label: 'Sampler steps k (DDIM)', min: 5, max: 1000, default: 50 },
	// Not 0: at w = 0 the guided panel would repeat the unguided one and the figure would show nothing.
	guidance: { kind: 'number', label: 'Guidance weight w', min: 0, max: 8, default: 3 },
	seed: { kind: 'int', label: 'Noise seed', min: 0, max: 999999, default: 1 },
	k0: knot(0, '0'),
	k1: knot(1, 'T/4'),
	k2: knot(2, 'T/2'),
	k3: knot(3, '3T/4'),
	k4: knot(4, 'T')
} satisfies Schema;

export type DiffSchema = typeof schema;
type DiffState = StateOf<DiffSchema>;

const knotKeys = ['k0', 'k1', 'k2', 'k3', 'k4'] as const;
/** The knots shape only the custom schedule: they act while it is chosen or compared. */
const knotRule = (s: DiffState) =>
	s.schedule === 'custom' || s.compare === 'custom'
		? null
		: 'These five points shape the custom schedule: choose “custom” as the schedule or the one compared with.';

// Each embed shows the controls its figure does not already carry (t, sampler, steps, data).
const scheduleControls = ['schedule', 'compare', 'T', ...knotKeys] as const;

export const diffusionSchedules = defineLab({
	slug: 'diffusion-schedules',
	title: 'Diffusion noise schedules',
	summary:
		'Linear vs cosine schedules, the forward process on images and points, and sampling with a trained denoiser: DDPM, DDIM and classifier-free guidance.',
	questions: [
		'Explain how diffusion models work: the forward and reverse processes.',
		'Linear vs cosine noise schedule: what changes, and why does it matter?',
		'How do DDIM and distillation make sampling faster? What is classifier-free guidance?'
	],
	schema,
	scenes: [
		{
			id: 'linear-vs-cosine',
			title: 'Linear vs cosine: ᾱ and log-SNR',
			caption: 'The linear schedule drives ᾱ to almost zero by t ≈ 600; the cosine one spends its steps evenly, its log-SNR a near-straight line.',
			state: { schedule: 'cosine', compare: 'linear', T: 1000, t: 500 },
			figures: ['schedules'],
			derivation: 'forward'
		},
		{
			id: 'image-at-600',
			title: 'The image at t = 600 under both schedules',
			caption: 'At t = 600 the linear schedule has left almost nothing of the image; the cosine one still shows its shapes.',
			state: { schedule: 'cosine', compare: 'linear', t: 600 },
			figures: ['image']
		},
		{
			id: 'ddpm-vs-ddim',
			title: 'DDPM 1000 steps vs DDIM 20 steps on two moons',
			caption: 'DDIM takes 20 deterministic steps where DDPM takes 1000 noisy ones, and lands on nearly the same moons.',
			state: { data: 'moons', sampler: 'ddpm', steps: 20, schedule: 'cosine', T: 1000 },
			figures: ['sampler']
		},
		{
			id: 'guidance',
			title: 'Guidance w = 0 vs w = 4',
			caption: 'With w = 4 each class pulls away from the others and tightens: every sample lies nearest its own class centre, and the spread within a class falls.',
			state: { guidance: 4 },
			figures: ['guidance']
		}
	],
	figures: [
		// The hero comes first: the page opens with it, so it is figure 1.
		embeddableFigure('image', 'Forward process on an image', () => import('./ImageFigure.svelte'), ['schedule', 'compare', 'T', 'seed']),
		embeddableFigure('schedules', 'Schedules side by side', () => import('./SchedulesFigure.svelte'), scheduleControls),
		articleFigure('forward-2d', 'Forward process on 2D data', () => import('./Forward2dFigure.svelte')),
		embeddableFigure('sampler', 'Reverse process with a trained denoiser', () => import('./SamplerFigure.svelte'), ['T', 'sampler', 'seed']),
		articleFigure('quality', 'Sample quality against steps', () => import('./QualityFigure.svelte')),
		articleFigure('guidance', 'Classifier-free guidance', () => import('./GuidanceFigure.svelte')),
		articleFigure('train', 'Train it yourself', () => import('./TrainingFigure.svelte'))
	],
	inactive: { k0: knotRule, k1: knotRule, k2: knotRule, k3: knotRule, k4: knotRule },
	// Opens the page, under the title (and is not placed again in the article).
	hero: 'image',
	bench: { key: 't', values: [501, 500] },
	derivations: { forward: () => import('./ForwardDerivation.svx') },
	checkpoints: [
		{ id: 'one-percent', figure: 'schedules', title: 'When is the signal gone?', varies: true, derivation: 'forward-derivation' },
		{ id: 'balance', figure: 'forward-2d', title: 'Where signal and noise are equal', varies: true, derivation: 'forward-derivation' },
		{ id: 'signal-at', figure: 'forward-2d', title: 'How much signal is left at step t?', varies: true, derivation: 'forward-derivation' }
	],
	loadCheckpoints: () => import('./checkpoints'),
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.DiffController)
});
