/** The lab's controller: URL state in, model results out. The model code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type OptimizersSchema } from './lab';
import type { OptimizersResults } from './summary';

export class OptimizersController extends LabController<OptimizersSchema, OptimizersResults> {
	constructor() {
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk.
			const { computeOptimizers } = await import('./compute');
			return computeOptimizers(state, backend);
		});
	}
}

export const getOptimizersController = () => getLabController<OptimizersSchema, OptimizersResults>() as OptimizersController;
