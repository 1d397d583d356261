/** The lab's controller: URL state in, model results out. The model code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type QuantizationSchema } from './lab';
import type { QuantizationResults } from './summary';

export class QuantizationController extends LabController<QuantizationSchema, QuantizationResults> {
	constructor() {
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk.
			const { computeQuantization } = await import('./compute');
			return computeQuantization(state, backend);
		});
	}
}

export const getQuantizationController = () => getLabController<QuantizationSchema, QuantizationResults>() as QuantizationController;
