/**
 * Figure 3's λ_max at the spiral MLP's initial weights, by power iteration on the gradient graph
 * (sharpness.ts), on the page's backend. It depends on no control, so it is measured once per
 * backend and kept.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/runtime';
import { twoSpirals } from '$lib/datasets/spirals';
import { initialParams } from '$lib/onnx/training/model';
import { buildGradientGraph, gradientFeeds, GRAD_INPUTS, GRAD_OUTPUT, POWER, powerIteration } from './sharpness';
import { flatParams, SPIRAL, spiralMlp } from './spiralMlp';

const measured = new Map<Backend, Promise<{ lambdaMax: number; iterations: number }>>();
/** The measurements that have landed, to return without waiting. */
const landed = new Map<Backend, { lambdaMax: number; iterations: number }>();

/** λ_max on `backend` if measured already, else null. */
export const measuredSharpness = (backend: Backend) => landed.get(backend) ?? null;

async function measure(backend: Backend) {
	const session = await getSession(backend, 'optimizers-spiral-gradient', () => buildGradientGraph());
	const { points, labels } = twoSpirals({ count: SPIRAL.examples, seed: SPIRAL.seed });
	const feeds = gradientFeeds(points, labels);
	const theta = flatParams(initialParams(spiralMlp(SPIRAL.examples), SPIRAL.seed));
	const gradient = async (t: Float32Array) => (await runSession(session, { ...feeds, [GRAD_INPUTS.theta]: { data: t, dims: [t.length] } }))[GRAD_OUTPUT].data;
	const { lambdaMax } = await powerIteration(gradient, theta);
	return { lambdaMax, iterations: POWER.iterations };
}

export function initSharpness(backend: Backend) {
	let p = measured.get(backend);
	if (!p) {
		p = measure(backend);
		// A failed measurement is not kept: the next compute tries again.
		p.then((m) => landed.set(backend, m), () => measured.delete(backend));
		measured.set(backend, p);
	}
	return p;
}
