/**
 * One run of figures 5 and 6's own training loops (driveBatch.ts, driveDecay.ts) on the page's
 * runtime. On fresh copies of the feeds: in ORT's proxy worker, where this lab keeps its runtime
 * (lab.ts, `runtimeInWorker`), every buffer sent is taken, and the loops feed the data and the
 * carried state again each step. Should the runtime be on the main thread after all (a link from
 * another lab started it there), each run takes its turn in the page's tasks (runSlices.ts).
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '$lib/onnx/training/loop';
import { beforeRun } from '$lib/onnx/runSlices';

type Feeds = Record<string, OrtTypes.Tensor>;

export async function runOnCopies(ort: Ort, session: OrtTypes.InferenceSession, feeds: Feeds): Promise<OrtTypes.InferenceSession.OnnxValueMapType> {
	if (typeof document !== 'undefined' && ort.env.wasm.proxy !== true) await beforeRun();
	const copies: Feeds = {};
	for (const [name, t] of Object.entries(feeds)) {
		const data = t.data as Float32Array | BigInt64Array;
		copies[name] = data instanceof BigInt64Array ? new ort.Tensor('int64', data.slice(), t.dims) : new ort.Tensor('float32', data.slice(), t.dims);
	}
	return session.run(copies);
}
