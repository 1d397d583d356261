/**
 * Figure 6's small transformer from its controls (width and heads are enums of powers of two).
 * A module of its own so the controller can name the model without loading the graph code.
 */
import type { GraphModel } from './graphMemory';
import type { MemoryAndParallelismState } from './lab';

export const graphModel = (s: Pick<MemoryAndParallelismState, 'mL' | 'mh' | 'ma' | 'ms' | 'mb'>): GraphModel => ({
	layers: s.mL,
	h: Number(s.mh),
	heads: Number(s.ma),
	seq: s.ms,
	batch: s.mb
});
