// An embeddable figure's oEmbed response, a static JSON file (/oembed/<slug>/<figure>.json).
import { error, json } from '@sveltejs/kit';
import { requireLab } from '$lib/labs/requireLab';
import { liveLabs } from '$lib/labs/registry';
import { oembedFor } from '$lib/share/oembed';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () =>
	liveLabs.flatMap((lab) => lab.figures.filter((f) => f.embeddable).map((f) => ({ slug: lab.slug, figure: f.id })));

export const GET: RequestHandler = ({ params, url }) => {
	const lab = requireLab(params.slug);
	const figure = lab.figures.find((f) => f.id === params.figure && f.embeddable);
	if (!figure) error(404, `“${params.slug}” has no embeddable figure called “${params.figure}”.`);
	return json(oembedFor(lab, figure, url.origin));
};
