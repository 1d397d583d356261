import { loadFigures, requireLab } from '$lib/labs/load';
import type { PageLoad } from './$types';

export { entries } from '$lib/labs/entries';

export const load: PageLoad = async ({ params, data }) => {
	const lab = requireLab(params.slug);
	const [figures, Controller] = await Promise.all([loadFigures(lab), lab.controller()]);
	return { ...data, lab, figures, Controller };
};
