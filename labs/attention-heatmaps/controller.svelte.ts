/**
 * The lab's controller: URL state in, model results out, and the "train it yourself" run. The
 * model code loads lazily.
 */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type AttnSchema } from './lab';
import type { AttnResults } from './summary';
import { parseTokens } from './tasks';
import { createTrainingRun, LIVE_SEED } from './trainingRun';


let computeModule: typeof import('./compute') | undefined;
export class AttnController extends LabController<AttnSchema, AttnResults> {
	/** The token under the reader's pointer or focus in the line view (not URL state). */
	hoverQuery = $state<number | null>(null);
	/** Figure 7: the transformer trained live on the chosen task, with snapshots of its heads. */
	readonly training = createTrainingRun();

	constructor() {
		super(schema, async (state, backend) => {
			// Imported once: awaiting import() on every change costs the redraw a task hop or two.
			const { computeAttention } = (computeModule ??= await import('./compute'));
			return computeAttention(state, backend);
		});
	}

	/** WebGPU failed: training it cut off runs again on WebAssembly. */
	protected override restartRuns(): void {
		this.training.restartOnWasm();
	}

	/** Trains on the current task; the snapshots run on the current digits (if they parse). */
	startTraining(): void {
		const parsed = parseTokens(this.state.tokens);
		if (!parsed.ok) return;
		void this.training.start({ task: this.state.task, x: parsed.x, backend: this.backend ?? 'wasm', seed: LIVE_SEED });
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
