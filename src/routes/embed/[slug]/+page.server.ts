import { building } from '$app/environment';
import { requireLab } from '$lib/labs/requireLab';
import { prerenderLab } from '$lib/server/prerender';
import type { PageServerLoad } from './$types';

// The pages to prerender (one per lab), named here on the server side: the page's own module
// would put the whole registry in its browser bundle.
export { entries } from '$lib/labs/entries';

// The lab's default-state numbers, computed while the build prerenders and serialized into the
// page, so its figures draw real marks at first paint (and with JavaScript off). `vite dev`
// skips it (a lab's compute can take half a minute): there the page computes live, as before.
export const load: PageServerLoad = async ({ params }) => ({
	prerendered: building ? await prerenderLab(requireLab(params.slug)) : null
});
