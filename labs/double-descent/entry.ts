/** What the routes need from this lab: its article, figures and controller. */
import type { LabEntry } from '$lib/labs/entry';
import Article from './index.svx';
import { doubleDescent } from './lab';
import { DdController } from './controller.svelte';
import CurveFigure from './CurveFigure.svelte';
import NormFigure from './NormFigure.svelte';
import KnobsFigure from './KnobsFigure.svelte';
import TrainingFigure from './TrainingFigure.svelte';
import BiasVarianceFigure from './BiasVarianceFigure.svelte';

export const entry: LabEntry = {
	info: doubleDescent as unknown as LabEntry['info'],
	article: Article,
	figures: {
		curve: CurveFigure,
		norm: NormFigure,
		knobs: KnobsFigure,
		implicit: TrainingFigure,
		'bias-variance': BiasVarianceFigure
	},
	figureControls: {
		curve: ['n', 'noise', 'features', 'lambda', 'p', 'seeds', 'target'],
		knobs: ['n', 'noise', 'features', 'lambda', 'p', 'seeds']
	},
	createController: () => new DdController()
};
