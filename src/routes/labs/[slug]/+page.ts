import { liveLabs } from '$lib/labs/registry';
import { requireLabEntry } from '$lib/labs/entry';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => liveLabs.map(({ slug }) => ({ slug }));

export const load: PageLoad = async ({ params }) => ({ entry: await requireLabEntry(params.slug) });
