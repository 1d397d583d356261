import { building } from '$app/environment';
import { requireLab } from '$lib/labs/load';
import { prerenderLab } from '$lib/server/prerender';
import type { PageServerLoad } from './$types';

// The lab's default-state numbers, computed while the build prerenders and serialized into the
// page, so its figures draw real marks at first paint (and with JavaScript off). `vite dev`
// skips it (a lab's compute can take half a minute): there the page computes live, as before.
export const load: PageServerLoad = async ({ params }) => ({
	prerendered: building ? await prerenderLab(requireLab(params.slug)) : null
});
