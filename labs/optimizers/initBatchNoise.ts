/**
 * Figure 5's left panel on the page's backend: the per-example gradients of the spiral MLP at its
 * seeded initial weights and their Gram matrix (one run of perExampleGraph.ts), then the seeded mini-batch draws
 * (batchNoise.ts). It depends on the seed alone, so it is kept per backend and seed.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/session';
import { twoSpirals } from '$lib/datasets/spirals';
import { initialParams } from '$lib/onnx/training/model';
import { Lru } from '$lib/cache/lru';
import { Settling } from '$lib/cache/settling';
import { measureBatchNoise, type BatchNoise } from './batchNoise';
import { buildPerExampleGraph, PER_EXAMPLE } from './perExampleGraph';
import { gradientFeeds } from './sharpness';
import { flatParams, PARAM_COUNT, SPIRAL, spiralMlp } from './spiralMlp';

const kept = new Lru<BatchNoise>({ maxEntries: 4 });

/** The N × P per-example gradients at the initial weights, and their N × N inner products. */
export async function perExampleGradients(backend: Backend): Promise<{ grads: Float32Array; gram: Float32Array }> {
	const n = SPIRAL.examples;
	const session = await getSession(backend, 'optimizers-per-example', () => buildPerExampleGraph(n));
	const { points, labels } = twoSpirals({ count: n, seed: SPIRAL.seed });
	const { x, target } = gradientFeeds(points, labels);
	const theta = flatParams(initialParams(spiralMlp(n), SPIRAL.seed));
	const thetas = new Float32Array(n * PARAM_COUNT);
	for (let i = 0; i < n; i++) thetas.set(theta, i * PARAM_COUNT);
	const out = await runSession(session, { [PER_EXAMPLE.thetas]: { data: thetas, dims: [n, PARAM_COUNT] }, [PER_EXAMPLE.x]: x, [PER_EXAMPLE.target]: target });
	return { grads: out[PER_EXAMPLE.output].data as Float32Array, gram: out[PER_EXAMPLE.gram].data as Float32Array };
}

/** One run of the per-example graph per backend, however many computes ask at once (a failed one is tried again). */
const grams = new Settling<Float32Array>(2);
const gramOn = (backend: Backend) => grams.get(backend, () => perExampleGradients(backend).then((r) => r.gram));

/** The batch noise for `seed` if measured already, else null. */
export const measuredBatchNoise = (backend: Backend, seed: number): BatchNoise | null => kept.get(`${backend}|${seed}`) ?? null;

export async function batchNoise(backend: Backend, seed: number): Promise<BatchNoise> {
	const key = `${backend}|${seed}`;
	let r = kept.get(key);
	if (!r) {
		r = measureBatchNoise(await gramOn(backend), SPIRAL.examples, seed);
		kept.set(key, r);
	}
	return r;
}
