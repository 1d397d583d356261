import { building } from '$app/environment';
import { requireLab } from '$lib/labs/load';
import { prerenderScene } from '$lib/server/prerender';
import type { PageServerLoad } from './$types';

// The first scene's numbers, computed while the build prerenders (the page opens on it); the
// other scenes' come from scenes/<n>.json when the presenter reaches them. `vite dev` skips it.
export const load: PageServerLoad = async ({ params }) => ({
	prerendered: building ? await prerenderScene(requireLab(params.slug), 0) : null
});
