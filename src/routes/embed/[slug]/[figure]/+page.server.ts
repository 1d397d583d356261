import { requireLab } from '$lib/labs/load';
import { prerenderLab } from '$lib/server/prerender';
import type { PageServerLoad } from './$types';

// The lab's default-state numbers, computed at build time and serialized into the page, so its
// figures draw real marks at first paint (and with JavaScript off).
export const load: PageServerLoad = async ({ params }) => ({ prerendered: await prerenderLab(requireLab(params.slug)) });
