import { error } from '@sveltejs/kit';
import { loadLab } from '$lib/labs/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, data }) => {
	const lab = await loadLab(params.slug);
	const figure = lab.figures.find((f) => f.id === params.figure && f.embeddable);
	if (!figure) error(404, `“${params.slug}” has no embeddable figure called “${params.figure}”.`);
	const [component, Controller] = await Promise.all([figure.component(), lab.controller()]);
	return { ...data, lab, figure, Figure: component.default, Controller };
};
