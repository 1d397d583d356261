/**
 * Figure 3's 2/λ_max: the largest eigenvalue of the training loss's Hessian at the network's
 * initial weights, by power iteration. Each Hessian-vector product is a central difference of
 * two gradients, Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε, and each gradient is one run of an ONNX
 * graph (the model's forward pass, its loss on all 512 training points, and autodiff's backward).
 * Full-batch gradient descent on a quadratic with that curvature diverges above η = 2/λ_max: for
 * the network it is the local limit at the start, not a promise for the whole run.
 */
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder } from '$lib/onnx/graph';
import { createRng } from '$lib/random';
import { PARAM_COUNT, SPIRAL, SPIRAL_PARAMS, spiralMlp } from './spiralMlp';

export const GRAD_INPUTS = { theta: 'theta', x: 'x', target: 'target' } as const;
export const GRAD_OUTPUT = 'grad';

/** θ (flat, in SPIRAL_PARAMS order), points and one-hot targets → ∇L(θ) (flat). */
export function buildGradientGraph(rows: number = SPIRAL.examples): Uint8Array {
	const model = spiralMlp(rows);
	const g = new GraphBuilder('optimizers_spiral_gradient');
	const theta = g.input(GRAD_INPUTS.theta, [PARAM_COUNT]);
	const x = g.input(GRAD_INPUTS.x, [rows, 2]);
	const target = g.input(GRAD_INPUTS.target, [rows, 2]);
	const params: Record<string, ReturnType<typeof g.input>> = {};
	let offset = 0;
	for (const p of SPIRAL_PARAMS) {
		const n = p.shape.reduce((a, b) => a * b, 1);
		params[p.name] = g.reshape(g.slice(theta, [offset], [offset + n], [0]), [...p.shape]);
		offset += n;
	}
	const loss = model.loss(g, model.predict(g, params, { x }), { label: target });
	const grad = gradients(g, loss, [theta])[0];
	g.output(grad, GRAD_OUTPUT);
	return g.toBytes();
}

export type GradientFn = (theta: Float32Array) => Promise<Float32Array>;

/** Power iterations and the central difference's step (‖v‖ = 1). */
export const POWER = { iterations: 12, epsilon: 1e-2, seed: 7 } as const;

export interface Sharpness {
	/** The Rayleigh quotient vᵀHv of the last iterate. */
	lambdaMax: number;
	/** Its value after each iteration (to see it settle). */
	history: number[];
}

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

/** Power iteration on finite-difference Hessian-vector products of `gradient` at `theta`. */
export async function powerIteration(
	gradient: GradientFn,
	theta: Float32Array,
	{ iterations, epsilon, seed }: { iterations: number; epsilon: number; seed: number } = POWER
): Promise<Sharpness> {
	const rng = createRng(seed);
	let v = new Float64Array(theta.length);
	rng.fillNormal(v, 1);
	const history: number[] = [];
	let lambda = 0;
	for (let k = 0; k < iterations; k++) {
		const n = norm(v);
		for (let i = 0; i < v.length; i++) v[i] /= n;
		const plus = Float32Array.from(theta, (t, i) => t + epsilon * v[i]);
		const minus = Float32Array.from(theta, (t, i) => t - epsilon * v[i]);
		const [gp, gm] = [await gradient(plus), await gradient(minus)];
		const hv = Float64Array.from(gp, (x, i) => (x - gm[i]) / (2 * epsilon));
		lambda = hv.reduce((s, x, i) => s + x * v[i], 0);
		history.push(lambda);
		v = hv;
	}
	return { lambdaMax: lambda, history };
}

/** The training points as the gradient graph's feeds (one-hot targets). */
export function gradientFeeds(points: Float32Array, labels: ArrayLike<number>) {
	const target = new Float32Array(labels.length * 2);
	for (let i = 0; i < labels.length; i++) target[2 * i + Number(labels[i])] = 1;
	return {
		[GRAD_INPUTS.x]: { data: points, dims: [labels.length, 2] },
		[GRAD_INPUTS.target]: { data: target, dims: [labels.length, 2] }
	};
}
