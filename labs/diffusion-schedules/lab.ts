/** The diffusion-schedules lab, declared once: its controls (URL state), scenes, figures and what loads them. */
import type { EnumField, Schema } from '$lib/state/schema';
import { defineLab } from '$lib/labs/defineLab';
import { CUSTOM_DEFAULT, CUSTOM_RANGE } from './schedules';

const schedules = [
	{ value: 'linear', label: 'linear' },
	{ value: 'cosine', label: 'cosine' },
	{ value: 'sigmoid', label: 'sigmoid' },
	{ value: 'custom', label: 'custom' }
] as const;
type ScheduleValue = (typeof schedules)[number]['value'];

const datasets = [
	{ value: 'moons', label: 'two moons' },
	{ value: 'spiral', label: 'spiral' },
	{ value: 'mixture', label: 'Gaussian mixture' }
] as const;

/** Figure 4 always shows both panels; this says what runs on opening and on "Sample". */
const samplers = [
	{ value: 'ddpm', label: 'DDPM (T steps) and DDIM' },
	{ value: 'ddim', label: 'DDIM (k steps) only' }
] as const;

const knot = (i: number, where: string) => ({
	kind: 'number' as const,
	label: `Custom log-SNR at t = ${where}`,
	min: CUSTOM_RANGE[0],
	max: CUSTOM_RANGE[1],
	default: CUSTOM_DEFAULT[i]
});

export const schema = {
	schedule: { kind: 'enum', label: 'Schedule', options: schedules, default: 'cosine' } as EnumField<ScheduleValue>,
	compare: { kind: 'enum', label: 'Compared with', options: schedules, default: 'linear' } as EnumField<ScheduleValue>,
	T: { kind: 'int', label: 'Diffusion steps T', min: 10, max: 1000, default: 1000 },
	t: { kind: 'int', label: 'Step t', min: 0, max: 1000, default: 500 },
	data: { kind: 'enum', label: '2D data set', options: datasets, default: 'moons' } as EnumField<(typeof datasets)[number]['value']>,
	sampler: { kind: 'enum', label: 'Sampler', options: samplers, default: 'ddim' } as EnumField<(typeof samplers)[number]['value']>,
	steps: { kind: 'int', label: 'Sampler steps k (DDIM)', min: 5, max: 1000, default: 50 },
	guidance: { kind: 'number', label: 'Guidance weight w', min: 0, max: 8, default: 0 },
	seed: { kind: 'int', label: 'Noise seed', min: 0, max: 999999, default: 1 },
	k0: knot(0, '0'),
	k1: knot(1, 'T/4'),
	k2: knot(2, 'T/2'),
	k3: knot(3, '3T/4'),
	k4: knot(4, 'T')
} satisfies Schema;

export type DiffSchema = typeof schema;

// Each embed shows the controls its figure does not already carry (t, sampler, steps, data).
const scheduleControls = ['schedule', 'compare', 'T', 'k0', 'k1', 'k2', 'k3', 'k4'] as const;

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
		{
			id: 'schedules',
			title: 'Schedules side by side',
			embeddable: true,
			component: () => import('./SchedulesFigure.svelte'),
			controls: scheduleControls
		},
		{
			id: 'image',
			title: 'Forward process on an image',
			embeddable: true,
			component: () => import('./ImageFigure.svelte'),
			controls: ['schedule', 'compare', 'T', 'seed']
		},
		{
			id: 'forward-2d',
			title: 'Forward process on 2D data',
			embeddable: false,
			component: () => import('./Forward2dFigure.svelte')
		},
		{
			id: 'sampler',
			title: 'Reverse process with a trained denoiser',
			embeddable: true,
			component: () => import('./SamplerFigure.svelte'),
			controls: ['T', 'sampler', 'seed']
		},
		{ id: 'quality', title: 'Sample quality against steps', embeddable: false, component: () => import('./QualityFigure.svelte') },
		{ id: 'guidance', title: 'Classifier-free guidance', embeddable: false, component: () => import('./GuidanceFigure.svelte') },
		{ id: 'train', title: 'Train it yourself', embeddable: false, component: () => import('./TrainingFigure.svelte') }
	],
	bench: { key: 't', values: [501, 500] },
	derivations: { forward: () => import('./ForwardDerivation.svx') },
	article: () => import('./index.svx'),
	controller: () => import('./controller.svelte').then((m) => m.DiffController)
});
