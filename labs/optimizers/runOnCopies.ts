/**
 * One run of figures 5 and 6's own training loops (driveBatch.ts, driveDecay.ts) on the page's
 * runtime. On the main thread, where this lab's page runs it (placement.ts), each run takes its
 * turn in the page's tasks (runSlices.ts), so training leaves the page responsive. Should the
 * runtime be in ORT's proxy worker after all (a link from a lab that keeps it there started it),
 * every buffer sent is taken, and the loops feed the data and the carried state again each step:
 * `feedable` sends copies there.
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '$lib/onnx/training/loop';
import { feedable } from '$lib/onnx/proxyCopies';
import { beforeRun } from '$lib/onnx/runSlices';

export async function runOnCopies(ort: Ort, session: OrtTypes.InferenceSession, feeds: Record<string, OrtTypes.Tensor>): Promise<OrtTypes.InferenceSession.OnnxValueMapType> {
	if (typeof document !== 'undefined' && ort.env.wasm.proxy !== true) await beforeRun();
	return session.run(feedable(ort, feeds));
}
