/** The lab's controller: URL state in, formula results out, and figure 6's one real step. The code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { memoryAndParallelism, schema, type MemoryAndParallelismSchema } from './lab';
import type { MemoryAndParallelismResults } from './summary';
import { createGraphStepRun } from './graphStepRun';
import { graphModel } from './graphModel';

let computeModule: typeof import('./compute') | undefined;

/** The seed of figure 6's step: its initial weights and its batch of random tokens. */
const STEP_SEED = 1;

export class MemoryAndParallelismController extends LabController<MemoryAndParallelismSchema, MemoryAndParallelismResults> {
	/** Figure 6: its graph, run for one real training step on the reader's press. */
	readonly graphStep = createGraphStepRun();

	constructor() {
		super(schema, async (state, backend) => {
			// The formulas arrive in a later chunk, imported once: nothing here touches ONNX, and
			// awaiting import() on every change costs the redraw a task hop or two.
			const { computeMemoryAndParallelism } = (computeModule ??= await import('./compute'));
			return computeMemoryAndParallelism(state, backend);
		}, memoryAndParallelism.runsModels);
	}

	/** Runs figure 6's model as it is set now (on WASM, in the training worker). */
	runGraphStep(): void {
		void this.graphStep.start({ model: graphModel(this.state), seed: STEP_SEED });
	}
}

export const getMemoryAndParallelismController = () => getLabController<MemoryAndParallelismSchema, MemoryAndParallelismResults>() as MemoryAndParallelismController;
