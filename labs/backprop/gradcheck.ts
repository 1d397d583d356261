/**
 * Figure 5, the gradient check: central differences of the float32 ONNX loss against the backward
 * graph's gradient, for every parameter and a sweep of steps h. One forward graph evaluates the
 * loss for many parameter sets at once (a leading "variant" axis on every weight), so the whole
 * sweep is one run: for each h and each parameter θ_i, the loss at θ + h·e_i and θ − h·e_i.
 * The results keep those raw losses (two backends agree on them to float32 precision; their
 * differences at tiny h are round-off, which is the point of the figure and differs by backend).
 */
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { CLASSES, INPUTS, type Params, type Sample } from './data';
import type { Activation, LossKind } from './model';
import { referenceRun } from './reference';

/** Steps h = 10^(−8 + k/4), k = 0..32: 1e-8 to 1. */
export const H_SWEEP = Array.from({ length: 33 }, (_, k) => 10 ** (-8 + k / 4));

export interface CheckShape {
	hidden: number;
	batch: number;
	act: Activation;
	loss: LossKind;
}

export const paramCount = (hidden: number) => INPUTS * hidden + hidden + hidden * CLASSES + CLASSES;

/** The loss for V parameter sets: W1 [V, 2, H], b1 [V, 1, H], W2 [V, H, 3], b2 [V, 1, 3] → L [V]. */
export function buildCheckGraph(s: CheckShape, variants: number): Uint8Array {
	const g = new GraphBuilder('backprop-gradcheck');
	const X = g.input('X', [s.batch, INPUTS]);
	const Y = g.input('Y', [s.batch, CLASSES]);
	const W1 = g.input('W1', [variants, INPUTS, s.hidden]);
	const b1 = g.input('b1', [variants, 1, s.hidden]);
	const W2 = g.input('W2', [variants, s.hidden, CLASSES]);
	const b2 = g.input('b2', [variants, 1, CLASSES]);
	const a1 = g.add(g.matMul(X, W1), b1); // [V, B, H]
	const h1: Tensor = s.act === 'tanh' ? g.tanh(a1) : s.act === 'relu' ? g.relu(a1) : g.sigmoid(a1);
	const z = g.add(g.matMul(h1, W2), b2); // [V, B, 3]
	let perRow: Tensor;
	if (s.loss === 'ce') perRow = g.neg(g.reduceSum(g.mul(Y, g.logSoftmax(z, -1)), [-1], false));
	else {
		const d = g.sub(g.softmax(z, -1), Y);
		perRow = g.reduceSum(g.mul(d, d), [-1], false);
	}
	g.output(g.reduceMean(perRow, [-1], false), 'L');
	return g.toBytes();
}

/** The parameters as one vector, in the order W1, b1, W2, b2 (row-major each). */
export const flatten = (p: Params): number[] => [...p.W1, ...p.b1, ...p.W2, ...p.b2];

function unflatten(theta: ArrayLike<number>, hidden: number): Params {
	const sizes = [INPUTS * hidden, hidden, hidden * CLASSES, CLASSES];
	const parts: Float32Array[] = [];
	let at = 0;
	for (const n of sizes) {
		parts.push(Float32Array.from(Array.prototype.slice.call(theta, at, at + n) as number[]));
		at += n;
	}
	return { W1: parts[0], b1: parts[1], W2: parts[2], b2: parts[3] };
}

/** Variant order: for each h, for each parameter i, θ + h·e_i then θ − h·e_i. */
export const variantCount = (hidden: number, steps: number) => 2 * paramCount(hidden) * steps;

export function checkFeeds(sample: Sample, s: CheckShape, hs: readonly number[]): Record<string, { data: Float32Array; dims: number[] }> {
	const theta = flatten(sample.params);
	const P = theta.length;
	const V = variantCount(s.hidden, hs.length);
	const H = s.hidden;
	const W1 = new Float32Array(V * INPUTS * H);
	const b1 = new Float32Array(V * H);
	const W2 = new Float32Array(V * H * CLASSES);
	const b2 = new Float32Array(V * CLASSES);
	const moved = theta.slice();
	let v = 0;
	for (const h of hs)
		for (let i = 0; i < P; i++)
			for (const sign of [1, -1]) {
				moved[i] = theta[i] + sign * h; // rounded to float32 where it is stored
				const p = unflatten(moved, H);
				W1.set(p.W1, v * INPUTS * H);
				b1.set(p.b1, v * H);
				W2.set(p.W2, v * H * CLASSES);
				b2.set(p.b2, v * CLASSES);
				moved[i] = theta[i];
				v++;
			}
	return {
		X: { data: sample.X, dims: [s.batch, INPUTS] },
		Y: { data: sample.Y, dims: [s.batch, CLASSES] },
		W1: { data: W1, dims: [V, INPUTS, H] },
		b1: { data: b1, dims: [V, 1, H] },
		W2: { data: W2, dims: [V, H, CLASSES] },
		b2: { data: b2, dims: [V, 1, CLASSES] }
	};
}

/** Central differences (L(θ + h e_i) − L(θ − h e_i)) / 2h for step k, from the variant losses. */
export function centralDifferences(losses: readonly number[], P: number, k: number, h: number): number[] {
	return Array.from({ length: P }, (_, i) => (losses[2 * (k * P + i)] - losses[2 * (k * P + i) + 1]) / (2 * h));
}

const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** ‖g_fd − g‖ / ‖g‖. */
export function relativeError(fd: readonly number[], g: readonly number[]): number {
	return norm(fd.map((v, i) => v - g[i])) / norm(g);
}

/** The float32 curve: relative error of the central differences at each h against the backward graph's gradient g. */
export function float32Curve(losses: readonly number[], hs: readonly number[], g: readonly number[]): number[] {
	return hs.map((h, k) => relativeError(centralDifferences(losses, g.length, k, h), g));
}

/** The same check in float64 TypeScript (reference.ts): its own loss differences against its own gradient. */
export function float64Curve(sample: Sample, s: CheckShape, hs: readonly number[]): number[] {
	const base = { X: sample.X, Y: sample.Y, batch: s.batch, hidden: s.hidden, act: s.act, loss: s.loss };
	const theta = flatten(sample.params);
	const loss = (t: number[]) => {
		const H = s.hidden;
		const W1 = t.slice(0, 2 * H);
		const b1 = t.slice(2 * H, 3 * H);
		const W2 = t.slice(3 * H, 6 * H);
		const b2 = t.slice(6 * H);
		return referenceRun({ ...base, W1, b1, W2, b2 }).loss;
	};
	const ref = referenceRun({ ...base, ...sample.params }).grads;
	const g = [...ref.W1, ...ref.b1, ...ref.W2, ...ref.b2];
	return hs.map((h) => {
		const fd = theta.map((_, i) => {
			const up = theta.slice();
			const down = theta.slice();
			up[i] += h;
			down[i] -= h;
			return (loss(up) - loss(down)) / (2 * h);
		});
		return relativeError(fd, g);
	});
}

/** Index of the smallest entry. */
export const argmin = (v: readonly number[]) => v.reduce((best, x, i) => (x < v[best] ? i : best), 0);

export interface GradcheckResults {
	/** H_SWEEP, then the reader's h. */
	hs: number[];
	/** The float32 losses of every variant (see checkFeeds for the order). */
	losses: number[];
	/** The float64 reference curve over hs. */
	float64: number[];
}
