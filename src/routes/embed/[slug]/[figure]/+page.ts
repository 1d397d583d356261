import { error } from '@sveltejs/kit';
import { liveLabs } from '$lib/labs/registry';
import { requireLabEntry } from '$lib/labs/entry';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () =>
	liveLabs.flatMap((lab) => lab.figures.filter((f) => f.embeddable).map((f) => ({ slug: lab.slug, figure: f.id })));

export const load: PageLoad = async ({ params }) => {
	const entry = await requireLabEntry(params.slug);
	const figure = entry.info.figures.find((f) => f.id === params.figure && f.embeddable);
	if (!figure) error(404, `“${params.slug}” has no embeddable figure called “${params.figure}”.`);
	return { entry, figure };
};
