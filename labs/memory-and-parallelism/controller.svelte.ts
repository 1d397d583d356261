/** The lab's controller: URL state in, model results out. The model code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type MemoryAndParallelismSchema } from './lab';
import type { MemoryAndParallelismResults } from './summary';

export class MemoryAndParallelismController extends LabController<MemoryAndParallelismSchema, MemoryAndParallelismResults> {
	constructor() {
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk.
			const { computeMemoryAndParallelism } = await import('./compute');
			return computeMemoryAndParallelism(state, backend);
		});
	}
}

export const getMemoryAndParallelismController = () => getLabController<MemoryAndParallelismSchema, MemoryAndParallelismResults>() as MemoryAndParallelismController;
