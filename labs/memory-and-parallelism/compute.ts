/**
 * The lab's compute: figures 1–3 are closed-form (published formulas), so this evaluates them in
 * TypeScript on either backend alike; nothing runs on ONNX here.
 */
import type { Backend } from '$lib/onnx/backend';
import type { MemoryAndParallelismState } from './lab';
import { summarize, type MemoryAndParallelismResults } from './summary';

export async function computeMemoryAndParallelism(state: MemoryAndParallelismState, _backend: Backend): Promise<MemoryAndParallelismResults> {
	return summarize(state);
}
