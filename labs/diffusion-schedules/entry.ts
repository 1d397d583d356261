/** What the routes need from this lab: its article, figures and controller. */
import type { LabEntry } from '$lib/labs/entry';
import Article from './index.svx';
import ForwardDerivation from './ForwardDerivation.svx';
import { diffusionSchedules } from './lab';
import { DiffController } from './controller.svelte';
import SchedulesFigure from './SchedulesFigure.svelte';
import ImageFigure from './ImageFigure.svelte';
import Forward2dFigure from './Forward2dFigure.svelte';
import SamplerFigure from './SamplerFigure.svelte';
import QualityFigure from './QualityFigure.svelte';
import GuidanceFigure from './GuidanceFigure.svelte';
import TrainingFigure from './TrainingFigure.svelte';

// Each embed shows the controls its figure does not already carry (t, sampler, steps, data).
const scheduleControls = ['schedule', 'compare', 'T', 'k0', 'k1', 'k2', 'k3', 'k4'];

export const entry: LabEntry = {
	info: diffusionSchedules as unknown as LabEntry['info'],
	article: Article,
	figures: {
		schedules: SchedulesFigure,
		image: ImageFigure,
		'forward-2d': Forward2dFigure,
		sampler: SamplerFigure,
		quality: QualityFigure,
		guidance: GuidanceFigure,
		train: TrainingFigure
	},
	derivations: { forward: ForwardDerivation },
	figureControls: {
		schedules: scheduleControls,
		image: ['schedule', 'compare', 'T', 'seed'],
		sampler: ['T', 'sampler', 'seed']
	},
	createController: () => new DiffController()
};
