/**
 * Our side of the training benchmark: the benchmark MLP's train step as one ONNX graph
 * (forward, autodiff backward, Adam), run by `TrainingLoop` on the page's onnxruntime-web, on
 * WASM or WebGPU (outputs kept in GPU buffers between steps). The loss is read back only at the
 * end of each timed phase, which also waits for the GPU to finish.
 */
import { webgpuAvailable } from '$lib/onnx/backend';
import { loadOrt, type Ort } from '$lib/onnx/runtime';
import { TrainingLoop, type TrainingBackend } from '$lib/onnx/training/loop';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { BENCH, benchData, benchModel, benchParams, timeSteps, type BenchBudget, type BenchResult } from './benchMlp';

export async function benchOurs(backend: TrainingBackend, budget: BenchBudget): Promise<BenchResult | null> {
	if (backend === 'webgpu' && !(await webgpuAvailable())) return null;
	// WASM: the plain runtime build on this thread, as the training worker runs it (runtime.ts's
	// WASM sessions go through ORT's proxy worker, which would move the carried tensors away).
	const ort = backend === 'wasm' ? ((await import('$lib/onnx/ortModule')).ort as unknown as Ort) : await loadOrt('webgpu');
	const { bytes, io } = buildTrainStep(benchModel(), { kind: 'adam', lr: BENCH.lr, beta1: BENCH.beta1, beta2: BENCH.beta2, eps: BENCH.eps });
	const { x, y } = benchData();
	const loop = await TrainingLoop.create(ort, {
		bytes,
		io,
		backend,
		params: benchParams(),
		batches: { dataset: { tensors: { x: { data: x, dims: [BENCH.batch, 2] }, y: { data: y, dims: [BENCH.batch, 1] } } }, batchSize: BENCH.batch, seed: 0 }
	});
	try {
		return await timeSteps(async (read) => (await loop.run(read)).loss, budget);
	} finally {
		await loop.release();
	}
}
