/** The lab's controller: URL state in, model results out, and figure 3's live sweep. The model code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type OptimizersSchema } from './lab';
import type { OptimizersResults } from './summary';
import { createSweepRun } from './sweepRun';
import { createDecayRun } from './decayRun';
import { decaySettings } from './decay';
import { batchSettings, createBatchRun } from './batchRun';

let computeModule: typeof import('./compute') | undefined;

export class OptimizersController extends LabController<OptimizersSchema, OptimizersResults> {
	/** Figure 3: the spiral MLP trained at six rates. */
	readonly sweep = createSweepRun();
	/** Figure 6: Adam + L2 against AdamW on the same MLP. */
	readonly decay = createDecayRun();
	/** Figure 5, right: SGD at several batch sizes. */
	readonly batches = createBatchRun();

	constructor() {
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk.
			// Imported once: awaiting import() on every change costs the redraw a task hop or two.
			const { computeOptimizers } = (computeModule ??= await import('./compute'));
			return computeOptimizers(state, backend);
		});
	}

	/** WebGPU failed: a sweep it cut off runs again on WebAssembly. */
	protected override restartRuns(): void {
		this.sweep.restartOnWasm();
	}

	startDecay(): void {
		void this.decay.start(decaySettings(this.state));
	}

	startBatches(): void {
		void this.batches.start(batchSettings(this.state));
	}

	startSweep(): void {
		void this.sweep.start({ backend: this.backend ?? 'wasm' });
	}
}

export const getOptimizersController = () => getLabController<OptimizersSchema, OptimizersResults>() as OptimizersController;
