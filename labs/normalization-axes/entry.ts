/** What the routes need from this lab: its article, figures and controller. */
import type { LabEntry } from '$lib/labs/entry';
import Article from './index.svx';
import { normalizationAxes } from './lab';
import { NxController } from './controller.svelte';
import AxesCubeFigure from './AxesCubeFigure.svelte';
import BeforeAfterFigure from './BeforeAfterFigure.svelte';
import BatchNoiseFigure from './BatchNoiseFigure.svelte';
import PaddingFigure from './PaddingFigure.svelte';
import CostFigure from './CostFigure.svelte';

export const entry: LabEntry = {
	info: normalizationAxes as unknown as LabEntry['info'],
	article: Article,
	figures: {
		'axes-cube': AxesCubeFigure,
		'before-after': BeforeAfterFigure,
		'batch-noise': BatchNoiseFigure,
		padding: PaddingFigure,
		cost: CostFigure
	},
	figureControls: {
		'axes-cube': ['layout', 'method', 'groups', 'batch', 'channels', 'spatial'],
		'batch-noise': ['layout', 'batch', 'groups', 'channels', 'spatial', 'seed']
	},
	createController: () => new NxController()
};
