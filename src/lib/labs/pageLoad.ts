/**
 * The load shared by every per-lab route (/labs, /embed, /present): one prerendered page per
 * live lab, each given that lab's entry. Routes re-export these two.
 */
import { liveLabs } from './registry';
import { requireLabEntry } from './entry';

export const entries = () => liveLabs.map(({ slug }) => ({ slug }));

export const load = async ({ params }: { params: { slug: string } }) => ({
	entry: await requireLabEntry(params.slug)
});
