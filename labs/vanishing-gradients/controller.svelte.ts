/**
 * The lab's controller: URL state in, model results out, and figure 5's live training run. The
 * model code loads lazily.
 */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type VgSchema } from './lab';
import type { VgResults } from './summary';
import { liveWidth } from './trainingConfigs';
import { createTrainingRun } from './trainingRun';

let computeModule: typeof import('./compute') | undefined;

export class VgController extends LabController<VgSchema, VgResults> {
	/** The layer under the reader's pointer or focus, highlighted across figures (not URL state). */
	hoverLayer = $state<number | null>(null);
	/** Figure 5: three networks trained live, side by side. */
	readonly training = createTrainingRun();

	constructor() {
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk,
			// imported once: awaiting import() on every change costs the redraw a task hop or two.
			const { computeVg } = (computeModule ??= await import('./compute'));
			return computeVg(state, backend);
		});
	}

	/** WebGPU failed: training it cut off runs again on WebAssembly. */
	protected override restartRuns(): void {
		this.training.restartOnWasm();
	}

	/** Trains the three networks at the current depth, width and seed on the active backend. */
	startTraining(): void {
		const { depth, width, seed } = this.state;
		void this.training.start({ depth, width: liveWidth(width), seed, backend: this.backend ?? 'wasm' });
	}

	/** The inspected layer, kept within the current depth. */
	get layer(): number {
		return Math.min(this.state.layer, this.state.depth);
	}
}

export const getVgController = () => getLabController<VgSchema, VgResults>() as VgController;
