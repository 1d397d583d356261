/**
 * The list of labs. A new lab is a folder under `labs/` plus one line here: the routes, embeds,
 * presentation view, bench, link previews and e2e tests all read its declaration from this list.
 * Declarations load their components lazily, so importing this costs the page no lab code.
 */
import type { Lab, UpcomingLab } from './types';
import { vanishingGradients } from '$labs/vanishing-gradients/lab';
import { normalizationAxes } from '$labs/normalization-axes/lab';
import { doubleDescent } from '$labs/double-descent/lab';
import { attentionHeatmaps } from '$labs/attention-heatmaps/lab';
import { diffusionSchedules } from '$labs/diffusion-schedules/lab';
import { backprop } from '$labs/backprop/lab';
import { optimizers } from '$labs/optimizers/lab';
import { overfitting } from '$labs/overfitting/lab';
import { quantization } from '$labs/quantization/lab';
import { memoryAndParallelism } from '$labs/memory-and-parallelism/lab';

export const liveLabs: Lab[] = [
	vanishingGradients,
	normalizationAxes,
	doubleDescent,
	attentionHeatmaps,
	diffusionSchedules,
	backprop,
	optimizers,
	overfitting,
	quantization,
	memoryAndParallelism
];

export const upcomingLabs: UpcomingLab[] = [];
