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
import { argmin, centralDifferences, float32Curve, H_SWEEP, relativeError } from './gradcheckMath';

export { argmin, centralDifferences, float32Curve, H_SWEEP, relativeError };

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
	const baseParts = [sample.params.W1, sample.params.b1, sample.params.W2, sample.params.b2];
	// Where each flat parameter goes in one variant's slice of W1, b1, W2, b2.
	const sizes = [INPUTS * H, H, H * CLASSES, CLASSES];
	const targets = [W1, b1, W2, b2];
	const place = theta.map((_, i) => {
		let k = 0;
		let at = i;
		while (at >= sizes[k]) at -= sizes[k++];
		return [k, at] as const;
	});
	let v = 0;
	for (const h of hs)
		for (let i = 0; i < P; i++)
			for (const sign of [1, -1]) {
				targets.forEach((t, k) => t.set(baseParts[k], v * sizes[k]));
				const [k, at] = place[i];
				targets[k][v * sizes[k] + at] = theta[i] + sign * h; // rounded to float32 where it is stored
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

/**
 * The loss in float64 for a flat parameter vector (W1, b1, W2, b2), forward only and without
 * allocating per call beyond two small rows: the float64 curve evaluates it thousands of times.
 * The tests hold it to reference.ts's loss.
 */
export function loss64(theta: readonly number[], sample: Sample, s: CheckShape): number {
	const H = s.hidden;
	const oB1 = INPUTS * H;
	const oW2 = oB1 + H;
	const oB2 = oW2 + H * CLASSES;
	const h = new Float64Array(H);
	const z = new Float64Array(CLASSES);
	let total = 0;
	for (let b = 0; b < s.batch; b++) {
		for (let j = 0; j < H; j++) {
			let a = theta[oB1 + j];
			for (let i = 0; i < INPUTS; i++) a += sample.X[INPUTS * b + i] * theta[i * H + j];
			h[j] = s.act === 'tanh' ? Math.tanh(a) : s.act === 'relu' ? Math.max(0, a) : 1 / (1 + Math.exp(-a));
		}
		let m = -Infinity;
		for (let c = 0; c < CLASSES; c++) {
			let v = theta[oB2 + c];
			for (let j = 0; j < H; j++) v += h[j] * theta[oW2 + j * CLASSES + c];
			z[c] = v;
			m = Math.max(m, v);
		}
		let sum = 0;
		for (let c = 0; c < CLASSES; c++) sum += Math.exp(z[c] - m);
		for (let c = 0; c < CLASSES; c++) {
			const y = sample.Y[CLASSES * b + c];
			if (s.loss === 'ce') total -= y * (z[c] - m - Math.log(sum));
			else total += (Math.exp(z[c] - m) / sum - y) ** 2;
		}
	}
	return total / s.batch;
}

/** The same check in float64 TypeScript: loss64's differences against reference.ts's gradient. */
export function float64Curve(sample: Sample, s: CheckShape, hs: readonly number[]): number[] {
	const theta = flatten(sample.params);
	const ref = referenceRun({ ...sample.params, X: sample.X, Y: sample.Y, batch: s.batch, hidden: s.hidden, act: s.act, loss: s.loss }).grads;
	const g = [...ref.W1, ...ref.b1, ...ref.W2, ...ref.b2];
	const moved = theta.slice();
	return hs.map((h) => {
		const fd = theta.map((t, i) => {
			moved[i] = t + h;
			const up = loss64(moved, sample, s);
			moved[i] = t - h;
			const down = loss64(moved, sample, s);
			moved[i] = t;
			return (up - down) / (2 * h);
		});
		return relativeError(fd, g);
	});
}

export interface GradcheckResults {
	/** H_SWEEP, then the reader's h. */
	hs: number[];
	/** The float32 losses of every variant (see checkFeeds for the order). */
	losses: number[];
	/** The float64 reference curve over hs. */
	float64: number[];
}
