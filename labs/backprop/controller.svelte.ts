/** The lab's controller: URL state in, model results out, and the node under the pointer. The model code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type BackpropSchema } from './lab';
import type { BackpropResults } from './summary';

let computeModule: typeof import('./compute') | undefined;

export class BackpropController extends LabController<BackpropSchema, BackpropResults> {
	/** The tensor under the reader's pointer or focus, highlighted in both graphs (not URL state). */
	hovered = $state<string | null>(null);

	constructor() {
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk.
			// Imported once: awaiting import() on every change costs the redraw a task hop or two.
			const { computeBackprop } = (computeModule ??= await import('./compute'));
			return computeBackprop(state, backend);
		});
	}
}

export const getBackpropController = () => getLabController<BackpropSchema, BackpropResults>() as BackpropController;
