/**
 * The snapshot graph's inputs for one set of weights on the reader's sequence: the live run's
 * snapshots (trainingRun.ts) and the build-time recording (recording.ts) feed it the same way.
 */
import type { ParamValues } from '$lib/onnx/training/model';
import { maskValues, paramSpecs, SHAPE } from './model';

export function snapshotFeeds(sequence: readonly number[], params: ParamValues): Record<string, { data: Float32Array; dims: readonly number[] }> {
	const n = sequence.length;
	const feeds: Record<string, { data: Float32Array; dims: readonly number[] }> = {
		tokens: { data: Float32Array.from(sequence), dims: [1, n] },
		positions: { data: Float32Array.from({ length: n }, (_, i) => i), dims: [n] },
		mask: { data: maskValues(n, true), dims: [n, n] },
		pos_scale: { data: Float32Array.of(1), dims: [1] }
	};
	for (const p of paramSpecs(SHAPE)) feeds[`param.${p.name}`] = { data: params[p.name], dims: p.shape };
	return feeds;
}
