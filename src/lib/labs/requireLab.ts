/**
 * A lab's declaration by slug, from the whole registry: for the build's server code (prerender,
 * entries, JSON routes) and scripts. Pages in the browser use `loadLab` (load.ts), which fetches
 * only the one declaration they show.
 */
import { error } from '@sveltejs/kit';
import { noSuchLab } from './load';
import { liveLabs } from './registry';
import type { Lab } from './types';

/** The lab called `slug`, or a 404 page that names what was asked for. */
export function requireLab(slug: string): Lab {
	const lab = liveLabs.find((l) => l.slug === slug);
	if (!lab) error(404, noSuchLab(slug));
	return lab;
}
