/**
 * In ORT's proxy worker (the page's WASM runtime ran there until redraws moved it to the main
 * thread, see runtime.ts; `__vlabProxy` puts it back), the runtime transfers every buffer it is given
 * to it: the model's bytes when a session is built, each input when it runs. A transferred buffer
 * is detached here, so anything given twice arrives empty:
 * - a graph's bytes kept to rebuild its session after the cache let it go ("An ArrayBuffer is
 *   detached and could not be cloned"; after that failure ORT's proxy answered no more builds);
 * - a tensor fed again: a full batch, a hyperparameter, the parameters a probe has read
 *   ("Tensor's size(1024) does not match data length(0)").
 * Under the proxy these go as copies; elsewhere (the training worker, WebGPU, Node) as they are.
 */
import type * as OrtTypes from 'onnxruntime-web';

type Ort = typeof OrtTypes;

const proxied = (ort: Ort) => ort.env.wasm.proxy === true;

export const modelBytes = (ort: Ort, bytes: Uint8Array): Uint8Array => (proxied(ort) ? bytes.slice() : bytes);

export function feedable(ort: Ort, feeds: Record<string, OrtTypes.Tensor>): Record<string, OrtTypes.Tensor> {
	if (!proxied(ort)) return feeds;
	return Object.fromEntries(
		Object.entries(feeds).map(([name, t]) => [
			name,
			t.data instanceof BigInt64Array ? new ort.Tensor('int64', t.data.slice(), t.dims) : new ort.Tensor('float32', (t.data as Float32Array).slice(), t.dims)
		])
	);
}
