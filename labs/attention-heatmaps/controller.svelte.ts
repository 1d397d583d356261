/** The lab's controller: URL state in, model results out. The model code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type AttnSchema } from './lab';
import type { AttnResults } from './summary';

export class AttnController extends LabController<AttnSchema, AttnResults> {
	/** The token under the reader's pointer or focus in the line view (not URL state). */
	hoverQuery = $state<number | null>(null);

	constructor() {
		super(schema, async (state, backend) => {
			const { computeAttention } = await import('./compute');
			return computeAttention(state, backend);
		});
	}

	/** The selected query position, kept inside the current sequence (default: the last). */
	get queryIndex(): number {
		const n = this.results?.n ?? 1;
		return Math.min(this.state.query, n - 1);
	}

	/** The query the figures show: the hovered/focused token if any, else the selected one. */
	get shownQuery(): number {
		const n = this.results?.n ?? 1;
		return Math.min(this.hoverQuery ?? this.queryIndex, n - 1);
	}
}

export const getAttnController = () => getLabController<AttnSchema, AttnResults>() as AttnController;
