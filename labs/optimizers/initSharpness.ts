/**
 * Figure 3's λ_max at the spiral MLP's initial weights, by power iteration on the gradient graph
 * (sharpness.ts), on the page's backend. It depends on no control, so it is measured once per
 * backend and kept.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/session';
import { twoSpirals } from '$lib/datasets/spirals';
import { initialParams } from '$lib/onnx/training/model';
import { buildGradientGraph, gradientFeeds, GRAD_INPUTS, GRAD_OUTPUT, POWER, powerIteration } from './sharpness';
import { flatParams, SPIRAL, spiralMlp } from './spiralMlp';
import { Settling } from '$lib/cache/settling';

/** One measurement per backend; a failed one is not kept, so the next compute tries again. */
const measured = new Settling<{ lambdaMax: number; iterations: number }>(2);

/** λ_max on `backend` if measured already, else null. */
export const measuredSharpness = (backend: Backend) => measured.landed(backend);

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
	return measured.get(backend, () => measure(backend));
}
