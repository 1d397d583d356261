/**
 * The list of labs. A new lab is a folder under `labs/` plus one line here: the routes find its
 * article, figures and embeds from this list.
 */
import type { LabInfo, UpcomingLab } from './types';
import { vanishingGradients } from '$labs/vanishing-gradients/lab';
import { normalizationAxes } from '$labs/normalization-axes/lab';
import { doubleDescent } from '$labs/double-descent/lab';
import { attentionHeatmaps } from '$labs/attention-heatmaps/lab';
import { diffusionSchedules } from '$labs/diffusion-schedules/lab';

export const liveLabs: LabInfo[] = [
	vanishingGradients as unknown as LabInfo,
	normalizationAxes as unknown as LabInfo,
	doubleDescent as unknown as LabInfo,
	attentionHeatmaps as unknown as LabInfo,
	diffusionSchedules as unknown as LabInfo
];

export const upcomingLabs: UpcomingLab[] = [];

export function findLab(slug: string): LabInfo | undefined {
	return liveLabs.find((lab) => lab.slug === slug);
}
