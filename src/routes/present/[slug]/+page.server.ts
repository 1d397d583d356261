import { building } from '$app/environment';
import { requireLab } from '$lib/labs/requireLab';
import { prerenderScene } from '$lib/server/prerender';
import type { PageServerLoad } from './$types';

// The pages to prerender (one per lab), named here on the server side: the page's own module
// would put the whole registry in its browser bundle.
export { entries } from '$lib/labs/entries';

// The first scene's numbers, computed while the build prerenders (the page opens on it); the
// other scenes' come from scenes/<n>.json when the presenter reaches them. `vite dev` skips it.
export const load: PageServerLoad = async ({ params }) => ({
	prerendered: building ? await prerenderScene(requireLab(params.slug), 0) : null
});
