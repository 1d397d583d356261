/**
 * The list of labs. A new lab is a folder under `labs/` plus one line here: the routes find its
 * article, figures and embeds from this list.
 */
import type { LabInfo, UpcomingLab } from './types';
import { vanishingGradients } from '$labs/vanishing-gradients/lab';

export const liveLabs: LabInfo[] = [vanishingGradients as unknown as LabInfo];

export const upcomingLabs: UpcomingLab[] = [
	{
		slug: 'normalization-axes',
		title: 'Normalization axes',
		summary: 'BatchNorm, LayerNorm, GroupNorm, RMSNorm: which cells share a mean and a variance, and when each one fails.'
	},
	{
		slug: 'attention-heatmaps',
		title: 'Attention heatmaps',
		summary: 'A tiny transformer trained here, its heads drawn live: induction heads, why √d_k, masks, and the n² wall.'
	},
	{
		slug: 'diffusion-schedules',
		title: 'Diffusion noise schedules',
		summary: 'Linear vs cosine schedules, the forward process on images and points, and sampling with a trained denoiser.'
	},
	{
		slug: 'double-descent',
		title: 'Double descent',
		summary: 'Test error against model size: the classical U, the spike at p = n, and the second descent.'
	}
];

export function findLab(slug: string): LabInfo | undefined {
	return liveLabs.find((lab) => lab.slug === slug);
}
