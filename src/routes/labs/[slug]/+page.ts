import { requireLab } from '$lib/labs/load';
import type { PageLoad } from './$types';

export { entries } from '$lib/labs/entries';

// The article imports its figures itself.
export const load: PageLoad = async ({ params }) => {
	const lab = requireLab(params.slug);
	const [article, Controller] = await Promise.all([lab.article(), lab.controller()]);
	return { lab, Article: article.default, Controller };
};
