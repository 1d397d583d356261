/**
 * Runs the lab's ONNX model for one state and turns its outputs into the numbers the figures
 * draw. The graph (forward and backward) is built in the browser by the same builder the tests
 * pin, once per shape, and its session cached; weights are graph inputs, so changing the init
 * or the seed only feeds new tensors.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession, type Feeds } from '$lib/onnx/session';
import { timing } from '$lib/onnx/timing';
import type { StateOf } from '$lib/state/schema';
import type { VgSchema } from './lab';
import { sampleMlpWeights } from './init';
import { HERO_OUTPUTS, summarizeRun, type VgComplete, type VgResults } from './summary';

export type VgState = StateOf<VgSchema>;

/** Samples per layer: enough for smooth histograms and variance estimates at width 64. */
export const BATCH = 128;

let modelModule: typeof import('./model') | undefined;

/**
 * One run for `state`. With `layers: false` it reads only the outputs the hero figure draws
 * (HERO_OUTPUTS) and the results' layer statistics are null: controller.svelte.ts says when.
 */
export async function computeVg(state: VgState, backend: Backend): Promise<VgComplete>;
export async function computeVg(state: VgState, backend: Backend, options: { layers: boolean }): Promise<VgResults>;
export async function computeVg(state: VgState, backend: Backend, { layers = true } = {}): Promise<VgResults> {
	const { depth, width, act, residual, norm } = state;
	const shape = { depth, width, batch: BATCH, act, residual, norm };
	const key = `vg-mlp-${depth}x${width}-b${BATCH}-${act}${residual ? '-res' : ''}${norm ? '-ln' : ''}`;
	// The builder (and its protobuf encoder) loads only when a graph is first needed; once.
	const model = (modelModule ??= await import('./model'));
	const session = await getSession(backend, key, async () => {
		const { buildMlpGraph } = model;
		const started = performance.now();
		const bytes = buildMlpGraph(shape);
		timing('vlab:vg graph build', started, performance.now());
		return bytes;
	});
	const { mlpInputNames } = model;
	const sampling = performance.now();
	const sample = sampleMlpWeights({ depth, width, batch: BATCH, seed: state.seed, init: state.init, sigma: state.sigma });
	timing('vlab:vg weights', sampling, performance.now());
	const feeds: Feeds = {};
	const names = mlpInputNames(depth);
	names.forEach((name, i) => {
		feeds[name] = { data: sample.tensors[i], dims: sample.dims[i] };
	});
	const outputs = await runSession(session, feeds, layers ? undefined : HERO_OUTPUTS);
	const summarizing = performance.now();
	const results = summarizeRun(state, BATCH, outputs);
	timing('vlab:vg summary', summarizing, performance.now());
	return results;
}
