/**
 * Figure 5's per-example gradients in one run: every example gets its own copy of θ (a row of
 * `thetas` [N, P]), the network runs on each example with its own copy (batched MatMuls), and
 * autodiff of the summed loss gives ∂ℓₙ/∂θ in row n, since example n's loss reads only row n.
 * Their Gram matrix ⟨gᵢ, gⱼ⟩ comes out too: every squared norm of a batch's mean is a sum of it.
 */
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { softmaxCrossEntropy } from '$lib/onnx/losses';
import { PARAM_COUNT, SPIRAL, SPIRAL_PARAMS } from './spiralMlp';

export const PER_EXAMPLE = { thetas: 'thetas', x: 'x', target: 'target', output: 'grads', gram: 'gram' } as const;

/**
 * thetas [N, P] (each row the same θ), x [N, 2], one-hot target [N, 2] → per-example gradients
 * `grads` [N, P] and their inner products `gram` [N, N] (what the batch draws need, N² numbers not N·P).
 */
export function buildPerExampleGraph(rows: number = SPIRAL.examples): Uint8Array {
	const g = new GraphBuilder('optimizers_per_example_gradients');
	const thetas = g.input(PER_EXAMPLE.thetas, [rows, PARAM_COUNT]);
	const x = g.input(PER_EXAMPLE.x, [rows, 2]);
	const target = g.input(PER_EXAMPLE.target, [rows, 2]);
	const p: Record<string, Tensor> = {};
	let offset = 0;
	for (const spec of SPIRAL_PARAMS) {
		const n = spec.shape.reduce((a, b) => a * b, 1);
		// A bias becomes [N, 1, width], a matrix [N, rows, cols]: one copy per example.
		const shape = spec.shape.length === 1 ? [rows, 1, spec.shape[0]] : [rows, ...spec.shape];
		p[spec.name] = g.reshape(g.slice(thetas, [0, offset], [rows, offset + n], [0, 1]), shape);
		offset += n;
	}
	const xs = g.reshape(x, [rows, 1, 2]);
	const h1 = g.tanh(g.add(g.matMul(xs, p.w1), p.b1));
	const h2 = g.tanh(g.add(g.matMul(h1, p.w2), p.b2));
	const logits = g.reshape(g.add(g.matMul(h2, p.w3), p.b3), [rows, 2]);
	// The mean over N examples, times N: the sum, whose gradient in row n is ∂ℓₙ/∂θ.
	const total = g.mul(softmaxCrossEntropy(g, logits, target), rows);
	const grads = gradients(g, total, [thetas])[0];
	g.output(grads, PER_EXAMPLE.output);
	g.output(g.matMul(grads, g.transpose(grads, [1, 0])), PER_EXAMPLE.gram);
	return g.toBytes();
}
