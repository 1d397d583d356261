/**
 * Figure 3's network and data: an MLP 2 → 32 → 32 → 2 with tanh (1,218 parameters, normal
 * weights, zero biases) on seeded two spirals, written once as a `TrainableModel` so the same
 * description gives the live training-step graph and the gradient graph the sharpness is
 * measured with (sharpness.ts).
 *
 *   h₁ = tanh(x W₁ + b₁),  h₂ = tanh(h₁ W₂ + b₂),  logits = h₂ W₃ + b₃,
 *   loss = mean softmax cross-entropy against the class index
 */
import { softmaxCrossEntropy } from '$lib/onnx/losses';
import type { Dataset } from '$lib/onnx/training/batches';
import type { ParamSpec, TrainableModel } from '$lib/onnx/training/model';
import { twoSpirals } from '$lib/datasets/spirals';

/**
 * The first layer's weights are drawn wider than Xavier (std 4, not 0.24): the points lie in the
 * unit disk, and at Xavier scale every tanh unit is nearly linear there, so gradient descent sits
 * for hundreds of epochs on the loss of a straight-line fit (0.643 measured) whatever its rate.
 */
export const SPIRAL = { width: 32, examples: 512, seed: 1, firstStd: 4 } as const;

const xavier = (fanIn: number, fanOut: number) => ({ kind: 'normal' as const, std: Math.sqrt(2 / (fanIn + fanOut)) });

/** Parameter shapes in the order they are drawn (initialParams) and flattened (sharpness.ts). */
export const SPIRAL_PARAMS: readonly ParamSpec[] = [
	{ name: 'w1', shape: [2, SPIRAL.width], init: { kind: 'normal', std: SPIRAL.firstStd } },
	{ name: 'b1', shape: [SPIRAL.width], init: { kind: 'zeros' } },
	{ name: 'w2', shape: [SPIRAL.width, SPIRAL.width], init: xavier(SPIRAL.width, SPIRAL.width) },
	{ name: 'b2', shape: [SPIRAL.width], init: { kind: 'zeros' } },
	{ name: 'w3', shape: [SPIRAL.width, 2], init: xavier(SPIRAL.width, 2) },
	{ name: 'b3', shape: [2], init: { kind: 'zeros' } }
];

export const PARAM_COUNT = SPIRAL_PARAMS.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);

export function spiralMlp(batch: number): TrainableModel {
	return {
		name: 'optimizers_spiral_mlp',
		params: SPIRAL_PARAMS,
		inputs: [{ name: 'x', shape: [batch, 2] }],
		targets: [{ name: 'label', shape: [batch], dtype: 'int64' }],
		predict(g, p, { x }) {
			const h1 = g.tanh(g.add(g.matMul(x, p.w1), p.b1));
			const h2 = g.tanh(g.add(g.matMul(h1, p.w2), p.b2));
			return g.add(g.matMul(h2, p.w3), p.b3);
		},
		loss: (g, logits, { label }) => softmaxCrossEntropy(g, logits, label)
	};
}

/** The training points: x [n, 2] float32, label [n] int64. */
export function spiralData(seed: number = SPIRAL.seed): Dataset {
	const { points, labels } = twoSpirals({ count: SPIRAL.examples, seed });
	return {
		tensors: {
			x: { data: points, dims: [SPIRAL.examples, 2] },
			label: { data: BigInt64Array.from(labels, (c) => BigInt(c)), dims: [SPIRAL.examples] }
		}
	};
}

/** Parameters as one vector, in SPIRAL_PARAMS order (the gradient graph's θ). */
export function flatParams(values: Record<string, Float32Array>): Float32Array {
	const out = new Float32Array(PARAM_COUNT);
	let offset = 0;
	for (const p of SPIRAL_PARAMS) {
		out.set(values[p.name], offset);
		offset += values[p.name].length;
	}
	return out;
}
