/**
 * The residual highway, as the article states it (issue 13, item 5), computed by running the
 * lab's ONNX graph on the page's settings (sigmoid, depth 50, width 64, batch 128, seeds 1–5):
 * - ‖∂L/∂h_1‖ stays within an order of magnitude of ‖∂L/∂h_50‖ (the identity path carries it);
 * - ‖∂L/∂W_1‖ does not: it sits one to two orders below ‖∂L/∂W_50‖, because the weight gradient
 *   is the output gradient times the layer's input, ∂L/∂W_l = ∂L/∂z_l · h_{l−1}ᵀ, and in a residual
 *   sigmoid stack ‖h_l‖ grows with depth (every block adds a positive output, about ½ per unit).
 *   Divided by the input's norm, the weight gradients are back within an order of each other.
 */
import { describe, expect, it } from 'vitest';
import { buildMlpGraph, mlpInputNames, MLP_OUTPUTS, type MlpShape } from './model';
import { sampleMlpWeights, type Init } from './init';
import { BATCH } from './compute';
import { createSession, runSession, type Results } from '../../tests/support/ort';

const DEPTH = 50;
const WIDTH = 64;
const shape: MlpShape = { depth: DEPTH, width: WIDTH, batch: BATCH, act: 'sigmoid', residual: true, norm: false };
const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));

async function ratios(init: Init, seed: number) {
	const session = await createSession(buildMlpGraph(shape));
	const sample = sampleMlpWeights({ depth: DEPTH, width: WIDTH, batch: BATCH, seed, init, sigma: 1 });
	const names = mlpInputNames(DEPTH);
	const out: Results = await runSession(session, Object.fromEntries(names.map((n, i) => [n, { data: sample.tensors[i], dims: sample.dims[i] }])));
	const h = out[MLP_OUTPUTS.gradNormH].data;
	const w = out[MLP_OUTPUTS.gradNormW].data;
	const per = BATCH * WIDTH;
	const inputFirst = norm(sample.x);
	const inputLast = norm(out[MLP_OUTPUTS.acts].data.subarray((DEPTH - 2) * per, (DEPTH - 1) * per));
	const acts = out[MLP_OUTPUTS.acts].data;
	let added = 0;
	for (let i = 0; i < per; i++) added += acts[(DEPTH - 1) * per + i] - acts[(DEPTH - 2) * per + i];
	return { h: h[0] / h[DEPTH - 1], w: w[0] / w[DEPTH - 1], wPerInput: w[0] / inputFirst / (w[DEPTH - 1] / inputLast), added: added / per };
}

describe('sigmoid, depth 50, residual connections', () => {
	for (const init of ['xavier', 'he'] as const) {
		it(`${init}: ‖∂L/∂h‖ is carried to layer 1, ‖∂L/∂W‖ is not, and the input norm is why`, async () => {
			for (const seed of [1, 2, 3, 4, 5]) {
				const r = await ratios(init, seed);
				expect(Math.abs(Math.log10(r.h)), `seed ${seed}: h ratio ${r.h}`).toBeLessThan(1);
				expect(Math.log10(r.w), `seed ${seed}: W ratio ${r.w}`).toBeLessThan(-1);
				expect(Math.log10(r.w)).toBeGreaterThan(-2);
				expect(Math.abs(Math.log10(r.wPerInput)), `seed ${seed}: per input ${r.wPerInput}`).toBeLessThan(1);
				// "every block adds a positive output of about ½ per unit"
				expect(Math.abs(r.added - 0.5), `seed ${seed}: added ${r.added}`).toBeLessThan(0.1);
			}
		}, 60_000);
	}
});
