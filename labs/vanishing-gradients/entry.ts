/** What the routes need from this lab: its article, figures and controller. */
import type { LabEntry } from '$lib/labs/entry';
import Article from './index.svx';
import VarianceDerivation from './VarianceDerivation.svx';
import { vanishingGradients } from './lab';
import { VgController } from './controller.svelte';
import GradientNormsFigure from './GradientNormsFigure.svelte';
import ActivationsFigure from './ActivationsFigure.svelte';
import DerivativeFigure from './DerivativeFigure.svelte';
import VarianceFigure from './VarianceFigure.svelte';
import TrainingFigure from './TrainingFigure.svelte';

const modelControls = ['depth', 'width', 'act', 'init', 'sigma', 'residual', 'norm', 'seed'];

export const entry: LabEntry = {
	info: vanishingGradients as unknown as LabEntry['info'],
	article: Article,
	figures: {
		'gradient-norms': GradientNormsFigure,
		activations: ActivationsFigure,
		derivative: DerivativeFigure,
		variance: VarianceFigure,
		training: TrainingFigure
	},
	derivations: { variance: VarianceDerivation },
	figureControls: { 'gradient-norms': modelControls, activations: modelControls },
	createController: () => new VgController()
};
