/**
 * The list of labs. A new lab is a folder under `labs/` plus one line here: the routes find its
 * article, figures and embeds from this list.
 */
import type { LabInfo, UpcomingLab } from './types';
import { vanishingGradients } from '$labs/vanishing-gradients/lab';
import { normalizationAxes } from '$labs/normalization-axes/lab';
import { doubleDescent } from '$labs/double-descent/lab';
import { attentionHeatmaps } from '$labs/attention-heatmaps/lab';

export const liveLabs: LabInfo[] = [
	vanishingGradients as unknown as LabInfo,
	normalizationAxes as unknown as LabInfo,
	doubleDescent as unknown as LabInfo,
	attentionHeatmaps as unknown as LabInfo
];

export const upcomingLabs: UpcomingLab[] = [
	{
		slug: 'diffusion-schedules',
		title: 'Diffusion noise schedules',
		summary: 'Linear vs cosine schedules, the forward process on images and points, and sampling with a trained denoiser.'
	}
];

export function findLab(slug: string): LabInfo | undefined {
	return liveLabs.find((lab) => lab.slug === slug);
}
