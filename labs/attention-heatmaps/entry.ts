/** What the routes need from this lab: its article, figures and controller. */
import type { LabEntry } from '$lib/labs/entry';
import Article from './index.svx';
import { attentionHeatmaps } from './lab';
import { AttnController } from './controller.svelte';
import HeadGridFigure from './HeadGridFigure.svelte';
import ScaleFigure from './ScaleFigure.svelte';
import KvCacheFigure from './KvCacheFigure.svelte';
import InsideHeadFigure from './InsideHeadFigure.svelte';
import MasksPositionsFigure from './MasksPositionsFigure.svelte';
import N2WallFigure from './N2WallFigure.svelte';
import TrainingFigure from './TrainingFigure.svelte';
import OnlineSoftmaxDerivation from './OnlineSoftmaxDerivation.svx';

export const entry: LabEntry = {
	info: attentionHeatmaps as unknown as LabEntry['info'],
	article: Article,
	figures: {
		'head-grid': HeadGridFigure,
		scale: ScaleFigure,
		'kv-cache': KvCacheFigure,
		'inside-head': InsideHeadFigure,
		'masks-positions': MasksPositionsFigure,
		'n2-wall': N2WallFigure,
		train: TrainingFigure
	},
	derivations: { 'online-softmax': OnlineSoftmaxDerivation },
	figureControls: { 'head-grid': [], scale: [], 'kv-cache': [] },
	createController: () => new AttnController()
};
