// A scene's numbers computed at build time (/present/<slug>/scenes/<n>.json, n from 1), in
// devalue's format (typed arrays, NaN and ±Infinity survive it; JSON would turn them to null).
import { error, text } from '@sveltejs/kit';
import * as devalue from 'devalue';
import { requireLab } from '$lib/labs/requireLab';
import { liveLabs } from '$lib/labs/registry';
import { prerenderScene } from '$lib/server/prerender';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () =>
	liveLabs.flatMap(({ slug, scenes }) => scenes.map((_, index) => ({ slug, n: String(index + 1) })));

export const GET: RequestHandler = async ({ params }) => {
	const lab = requireLab(params.slug);
	const index = Number(params.n) - 1;
	if (!Number.isInteger(index) || !lab.scenes[index]) error(404, `${lab.title} has no scene ${params.n}`);
	const prerendered = await prerenderScene(lab, index);
	return text(devalue.stringify(prerendered), { headers: { 'content-type': 'application/json' } });
};
