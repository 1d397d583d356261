import { error } from '@sveltejs/kit';
import { liveLabs } from '$lib/labs/registry';
import { requireLab } from '$lib/labs/load';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () =>
	liveLabs.flatMap((lab) => lab.figures.filter((f) => f.embeddable).map((f) => ({ slug: lab.slug, figure: f.id })));

export const load: PageLoad = async ({ params, data }) => {
	const lab = requireLab(params.slug);
	const figure = lab.figures.find((f) => f.id === params.figure && f.embeddable);
	if (!figure) error(404, `“${params.slug}” has no embeddable figure called “${params.figure}”.`);
	const [component, Controller] = await Promise.all([figure.component(), lab.controller()]);
	return { ...data, lab, figure, Figure: component.default, Controller };
};
