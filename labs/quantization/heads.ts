/**
 * The units figure 5 prunes by name: the methods, the two MLPs, and the attention heads with
 * their names on the page. The figure reads only these; the pruning itself (pruning.ts) loads
 * with the model code.
 */
import { SHAPE } from '$labs/attention-heatmaps/shape';

export type PruneMethod = 'layer' | 'global' | 'neurons' | 'heads';

/** The MLPs that lose neurons, by layer prefix. */
export const MLPS = ['l0', 'l1'] as const;

/** One attention head: its layer's prefix and its index in the layer. */
export interface Head {
	layer: (typeof MLPS)[number];
	head: number;
}
/** Every head of the model, layer by layer (each layer has an attention and an MLP). */
export const ALL_HEADS: readonly Head[] = MLPS.flatMap((layer) => Array.from({ length: SHAPE.heads }, (_, head) => ({ layer, head })));
const layerNumber = (h: Head) => Number(h.layer.slice(1)) + 1;
/** A head's name on the page: "layer 1, head 3". */
export const headName = (h: Head) => `layer ${layerNumber(h)}, head ${h.head + 1}`;
/** Its short name, under a bar: "L1·H3". */
export const headLabel = (h: Head) => `L${layerNumber(h)}·H${h.head + 1}`;
