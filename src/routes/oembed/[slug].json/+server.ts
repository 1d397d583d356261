// A lab's oEmbed response, a static JSON file (/oembed/<slug>.json): see $lib/share/oembed.
import { json } from '@sveltejs/kit';
import { requireLab } from '$lib/labs/requireLab';
import { oembedFor } from '$lib/share/oembed';
import type { RequestHandler } from './$types';

export const prerender = true;
export { entries } from '$lib/labs/entries';

export const GET: RequestHandler = ({ params, url }) => json(oembedFor(requireLab(params.slug), null, url.origin));
