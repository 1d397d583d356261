/**
 * Trains a small model on the whole batch at once, for figure 2's data checks: the project's fused
 * training-step graph (forward, loss, backward, AdamW) run step by step through the page's runtime
 * (getSession / runSession: on WASM in ORT's proxy worker, off the main thread; on WebGPU on the
 * page), the parameters and optimizer state carried from each step's outputs to the next inputs.
 * Every input is float32 (labels as one-hot targets), as runSession feeds them.
 */
import type { Backend } from '$lib/onnx/backend';
import type { OptimizerConfig } from '$lib/onnx/optimizers';
import { getSession, runSession, type Feeds } from '$lib/onnx/session';
import { initialParams, type ParamValues, type TrainableModel } from '$lib/onnx/training/model';
import { buildTrainStep, type TrainStepIO } from '$lib/onnx/training/trainStep';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A step graph's bytes and wiring, built once per model key. */
const graphs = new Map<string, { bytes: Uint8Array; io: TrainStepIO }>();

export interface FitOptions {
	/** Names the model's shapes: the session is cached under it. */
	key: string;
	optimizer: OptimizerConfig;
	steps: number;
	seed: number;
	/** The whole batch, by the model's input and target names. */
	batch: Record<string, Float32Array>;
}

export async function fullBatchFit(model: TrainableModel, backend: Backend, { key, optimizer, steps, seed, batch }: FitOptions): Promise<ParamValues> {
	let graph = graphs.get(key);
	if (!graph) {
		graph = buildTrainStep(model, optimizer);
		graphs.set(key, graph);
		// Keep the map small: a graph is a few kB, but keys follow n.
		if (graphs.size > 8) graphs.delete(graphs.keys().next().value!);
	}
	const { bytes, io } = graph;
	const session = await getSession(backend, key, () => bytes);
	const start = initialParams(model, seed);
	const feeds: Feeds = {};
	for (const p of io.params) feeds[p.input] = { data: start[p.name], dims: p.shape };
	for (const s of io.state) feeds[s.input] = { data: new Float32Array(size(s.shape)), dims: s.shape };
	for (const [name, value] of Object.entries(io.hyper)) feeds[name] = { data: Float32Array.of(value), dims: [] };
	for (const b of io.batch) {
		const data = batch[b.name];
		if (!data) throw new Error(`fullBatchFit: no batch tensor ${b.name}`);
		feeds[b.input] = { data, dims: b.shape as number[] };
	}
	for (let step = 0; step < steps; step++) {
		const out = await runSession(session, feeds);
		for (const c of [...io.params, ...io.state]) feeds[c.input] = { data: out[c.output].data, dims: c.shape };
	}
	// Every parameter is fed float32 values.
	return Object.fromEntries(io.params.map((p) => [p.name, feeds[p.input].data as Float32Array]));
}

/** Runs a forward graph once (built on a cache miss): the one output, flattened. */
export async function runForward(backend: Backend, key: string, bytes: () => Uint8Array, feeds: Feeds): Promise<Float32Array> {
	const session = await getSession(backend, key, bytes);
	const out = await runSession(session, feeds);
	return Object.values(out)[0].data;
}
