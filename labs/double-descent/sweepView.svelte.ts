/**
 * What the sweep charts (figures 1, 3 and 6) read from the controller: the sweep's view, its n
 * (the URL state's until the sweep is in) and the model sizes p it swept, and how the pointer
 * picks the nearest swept p.
 */
import { getDdController } from './controller.svelte';
import { nearestIndex } from './nearest';

export function sweepView() {
	const lab = getDdController();
	const ps = () => lab.view?.ps ?? [];
	return {
		lab,
		get view() {
			return lab.view;
		},
		get n() {
			return lab.view?.n ?? lab.state.n;
		},
		get ps() {
			return ps();
		},
		/** HoverX's handler: the swept p nearest the pointer (log scale) becomes `hoverP`. */
		hover(x: number | null) {
			lab.hoverP = x === null ? null : (ps()[nearestIndex(ps(), x)] ?? null);
		}
	};
}
