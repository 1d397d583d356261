/**
 * The lab's compute: figures 1–5 are closed-form (published formulas), figure 6 reads shapes off
 * a training graph built here; both are TypeScript on either backend alike, nothing runs on ONNX.
 */
import type { Backend } from '$lib/onnx/backend';
import { graphResults } from './graphResults';
import type { MemoryAndParallelismState } from './lab';
import { summarize, type MemoryAndParallelismResults } from './summary';

export async function computeMemoryAndParallelism(state: MemoryAndParallelismState, _backend: Backend): Promise<MemoryAndParallelismResults> {
	return { ...summarize(state), graph: graphResults(state) };
}
