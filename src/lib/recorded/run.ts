/**
 * Runs an inference session of a build-time recording on the ORT module the recording is given
 * (in Node, onnxruntime-web's WASM backend): feeds as the page's runtime takes them, outputs as
 * plain arrays. The page itself runs sessions through `$lib/onnx/runtime`.
 */
import type * as OrtTypes from 'onnxruntime-web';
import { ortTensor, type Feeds } from '$lib/onnx/feeds';
import type { Ort } from '$lib/onnx/training/loop';

export type RecordedOutputs = Record<string, { data: Float32Array; dims: readonly number[] }>;

export async function runFeeds(ort: Ort, session: OrtTypes.InferenceSession, feeds: Feeds): Promise<RecordedOutputs> {
	const inputs = Object.fromEntries(Object.entries(feeds).map(([name, feed]) => [name, ortTensor(ort, feed)]));
	const results = await session.run(inputs);
	return Object.fromEntries(Object.entries(results).map(([name, t]) => [name, { data: t.data as Float32Array, dims: t.dims }]));
}
