/** What the routes need from this lab: its article, figures and controller. */
import type { LabEntry } from '$lib/labs/entry';
import Article from './index.svx';
import { attentionHeatmaps } from './lab';
import { AttnController } from './controller.svelte';
import HeadGridFigure from './HeadGridFigure.svelte';
import ScaleFigure from './ScaleFigure.svelte';
import KvCacheFigure from './KvCacheFigure.svelte';

export const entry: LabEntry = {
	info: attentionHeatmaps as unknown as LabEntry['info'],
	article: Article,
	figures: {
		'head-grid': HeadGridFigure,
		scale: ScaleFigure,
		'kv-cache': KvCacheFigure
	},
	figureControls: { 'head-grid': [], scale: [], 'kv-cache': [] },
	createController: () => new AttnController()
};
