import { loadLab } from '$lib/labs/load';
import { placeWasmRuntime } from '$lib/onnx/placement';
import { warmEarly } from '$lib/state/warmEarly';
import type { PageLoad } from './$types';

// The article imports its figures itself; the hero figure, shown above it, is loaded here.
export const load: PageLoad = async ({ params, data }) => {
	const lab = await loadLab(params.slug);
	placeWasmRuntime(lab);
	if (lab.runsModels) warmEarly(lab.schema, data.prerendered?.state ?? null);
	const hero = lab.figures.find((f) => f.id === lab.hero);
	const [article, Controller, heroModule] = await Promise.all([lab.article(), lab.controller(), hero?.component()]);
	return { ...data, lab, Article: article.default, Controller, Hero: heroModule?.default ?? null };
};
