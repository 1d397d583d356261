/**
 * The default settings' two models, also shipped as files (static/models/backprop-*.onnx) for a
 * reader to download and open in a viewer such as Netron: written by `npm run export-graphs`, and
 * held to the builder's bytes by shipped.test.ts. The page builds its graphs itself, as for any
 * other setting.
 */
import { defaults } from '$lib/state/schema';
import { schema } from './lab';
import { buildBackpropGraph } from './model';
import { netShape, type BackpropState } from './compute';

export const SHIPPED_PARTS = ['forward', 'backward'] as const;

/** The file name (under static/models/) of one part of the default graph. */
export const shippedName = (part: (typeof SHIPPED_PARTS)[number]) => `backprop-${part}.onnx`;

/** The bytes each file must hold. */
export function defaultParts(): Record<(typeof SHIPPED_PARTS)[number], Uint8Array> {
	const { split } = buildBackpropGraph(netShape(defaults(schema) as BackpropState));
	return { forward: split.forward.bytes, backward: split.backward.bytes };
}
