/**
 * The lab's ONNX graphs, written with the graph builder.
 * - `buildSurfaceGraph`: f at G points [G, 2] → [G] (the contours).
 * - `buildStepsGraph`: K optimizer steps for P independent rows (one optimizer, or one rate of a
 *   sweep, per row), unrolled in one graph so a 2000-step run is 2000/K session runs. Each step
 *   takes ∇f by reverse-mode autodiff of Σ_rows f, then applies the generic update of
 *   `optimizersList.ts` with that step's coefficients (an input, so one graph serves every
 *   optimizer, rate and step count). Only η̃ and q change from step to step (Adam's bias
 *   corrections), so they come per step in `rates` and the other coefficients once per row:
 *   every Slice saved is saved in each unrolled step, and the graph's size sets both its
 *   session's creation time and each run's.
 * The quadratic's rotation and κ come in as `surf` = [cos, sin, 1/κ]; the other surfaces ignore it.
 */
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { C, COEFFICIENTS } from './optimizersList';
import { netF, netParts, type NetParts } from './netGraph';
import type { SurfaceId } from './surfaces';

export const STEP_INPUTS = { theta: 'theta', m: 'm', v: 'v', coeffs: 'coeffs', rates: 'rates', noise: 'noise', surf: 'surf' } as const;
/** The columns of `rates`: the coefficients that change with the step. */
export const STEP_RATES = ['lr', 'q'] as const;
export const STEP_OUTPUTS = { thetas: 'thetas', losses: 'losses', m: 'm_next', v: 'v_next' } as const;
export const SURFACE_INPUTS = { points: 'points', surf: 'surf' } as const;
export const SURFACE_OUTPUT = 'f';

/**
 * What a surface reads from `surf` = [cos, sin, 1/κ], built once per graph. The quadratic is
 * ½‖θW‖² with W = [[c, −s√k], [s, c√k]] (so θW = (u, √k·w) in the rotated axes): one MatMul
 * and one ReduceSumSquare, fewer nodes per unrolled step than writing u and w out.
 */
type SurfParts = { W: Tensor | null; net?: NetParts };
function surfParts(g: GraphBuilder, id: SurfaceId, surf: Tensor): SurfParts {
	// The network's data and weights are constants of the graph, shared by every unrolled step.
	if (id === 'net') return { W: null, net: netParts(g) };
	if (id !== 'quad') return { W: null };
	const [c, s, k] = [0, 1, 2].map((i) => g.slice(surf, [i], [i + 1], [0]));
	const r = g.sqrt(k);
	return { W: g.reshape(g.concat([c, g.neg(g.mul(s, r)), s, g.mul(c, r)], 0), [2, 2]) };
}

/** f for each row of θ (…, 2), as (…, 1). */
function surfaceF(g: GraphBuilder, id: SurfaceId, theta: Tensor, { W, net }: SurfParts): Tensor {
	// The last axis holds (x, y): [G, 2] points or [1, P, 2] iterates.
	const last = theta.shape.length - 1;
	if (id === 'quad') {
		if (!W) throw new Error('the quadratic needs its matrix W');
		return g.mul(0.5, g.reduceSumSquare(g.matMul(theta, W), [last]));
	}
	if (id === 'net') {
		if (!net) throw new Error('the network surface needs its constants');
		return netF(g, net, theta);
	}
	const x = g.slice(theta, [0], [1], [last]);
	const y = g.slice(theta, [1], [2], [last]);
	switch (id) {
		case 'rosenbrock': {
			const a = g.sub(1, x);
			const r = g.sub(y, g.mul(x, x));
			return g.add(g.mul(a, a), g.mul(100, g.mul(r, r)));
		}
		case 'saddle': {
			const y2 = g.mul(y, y);
			return g.add(g.mul(0.5, g.sub(g.mul(x, x), y2)), g.mul(0.25, g.mul(y2, y2)));
		}
	}
	throw new Error(`unknown surface ${id as string}`);
}

export function buildSurfaceGraph(id: SurfaceId, points: number): GraphBuilder {
	const g = new GraphBuilder(`optimizers-surface-${id}`);
	const xy = g.input(SURFACE_INPUTS.points, [points, 2]);
	const surf = g.input(SURFACE_INPUTS.surf, [3]);
	g.output(g.reshape(surfaceF(g, id, xy, surfParts(g, id, surf)), [points]), SURFACE_OUTPUT);
	return g;
}

export function buildStepsGraph(id: SurfaceId, rows: number, steps: number): GraphBuilder {
	const g = new GraphBuilder(`optimizers-steps-${id}`);
	// Carried as [1, P, 2] so the per-step slices of the coefficients ([1, P, 1]) broadcast
	// without a reshape each: fewer nodes per unrolled step.
	let theta = g.reshape(g.input(STEP_INPUTS.theta, [rows, 2]), [1, rows, 2]);
	let m = g.reshape(g.input(STEP_INPUTS.m, [rows, 2]), [1, rows, 2]);
	let v = g.reshape(g.input(STEP_INPUTS.v, [rows, 2]), [1, rows, 2]);
	const coeffs = g.reshape(g.input(STEP_INPUTS.coeffs, [rows, C]), [1, rows, C]);
	const rates = g.input(STEP_INPUTS.rates, [steps, rows, STEP_RATES.length]);
	const noise = g.input(STEP_INPUTS.noise, [steps, rows, 2]);
	const surf = surfParts(g, id, g.input(STEP_INPUTS.surf, [3]));
	const col = (j: number) => g.slice(coeffs, [j], [j + 1], [2]);
	const [a1, c1, a2, c2, s1, s0, , e, , d] = COEFFICIENTS.map((_, j) => col(j));
	const keep = g.sub(1, d);
	const thetas: Tensor[] = [];
	const losses: Tensor[] = [];
	for (let k = 0; k < steps; k++) {
		const f = surfaceF(g, id, theta, surf);
		losses.push(f);
		const [grad] = gradients(g, g.reduceSum(f, undefined, false), [theta]);
		const [lr, q] = STEP_RATES.map((_, j) => g.slice(rates, [k, j], [k + 1, j + 1], [0, 2]));
		const gr = g.add(grad, g.slice(noise, [k], [k + 1], [0]));
		m = g.add(g.mul(a1, m), g.mul(c1, gr));
		v = g.add(g.mul(a2, v), g.mul(c2, g.mul(gr, gr)));
		const u = g.add(g.mul(s1, m), g.mul(s0, gr));
		const denom = g.add(g.sqrt(g.mul(q, v)), e);
		theta = g.sub(g.mul(theta, keep), g.div(g.mul(lr, u), denom));
		thetas.push(theta);
	}
	losses.push(surfaceF(g, id, theta, surf));
	g.output(g.concat(thetas, 0), STEP_OUTPUTS.thetas);
	g.output(g.reshape(g.concat(losses, 0), [steps + 1, rows]), STEP_OUTPUTS.losses);
	g.output(g.reshape(m, [rows, 2]), STEP_OUTPUTS.m);
	g.output(g.reshape(v, [rows, 2]), STEP_OUTPUTS.v);
	return g;
}
