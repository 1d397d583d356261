/** The lab's controller: URL state in, model results out. The model code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { memoryAndParallelism, schema, type MemoryAndParallelismSchema } from './lab';
import type { MemoryAndParallelismResults } from './summary';

export class MemoryAndParallelismController extends LabController<MemoryAndParallelismSchema, MemoryAndParallelismResults> {
	constructor() {
		super(schema, async (state, backend) => {
			// The formulas arrive in a later chunk; nothing here touches ONNX.
			const { computeMemoryAndParallelism } = await import('./compute');
			return computeMemoryAndParallelism(state, backend);
		}, memoryAndParallelism.runsModels);
	}
}

export const getMemoryAndParallelismController = () => getLabController<MemoryAndParallelismSchema, MemoryAndParallelismResults>() as MemoryAndParallelismController;
