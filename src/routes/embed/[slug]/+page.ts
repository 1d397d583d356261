import { loadFigures, loadLab } from '$lib/labs/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, data }) => {
	const lab = await loadLab(params.slug);
	const [figures, Controller] = await Promise.all([loadFigures(lab), lab.controller()]);
	return { ...data, lab, figures, Controller };
};
