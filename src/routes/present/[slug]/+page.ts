import { loadComponents, loadFigures, loadLab } from '$lib/labs/load';
import type { PageLoad } from './$types';

// Every figure a scene or a poll slide (a checkpoint) shows, and the derivations.
export const load: PageLoad = async ({ params, data }) => {
	const lab = await loadLab(params.slug);
	const shown = new Set([...lab.scenes.flatMap((scene) => scene.figures), ...(lab.checkpoints ?? []).map((card) => card.figure)]);
	const [figures, derivations, Controller] = await Promise.all([
		loadFigures(lab, [...shown]),
		loadComponents(lab.derivations),
		lab.controller()
	]);
	return { ...data, lab, figures, derivations, Controller };
};
