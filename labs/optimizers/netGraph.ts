/**
 * Figure 1's `net` surface as graph nodes: f(a, b) = the spiral MLP's mean cross-entropy on its
 * 512 training points at θ* + a·d₁ + b·d₂ (netPlane.ts), for every row of (a, b) at once.
 *
 * The first layer's input is the fixed data and the layer is linear in its weights, so its
 * pre-activations are X W* + a·(X D₁) + b·(X D₂) with the three parts constants computed here
 * once. The later layers form each row's weights W* + a·D₁ + b·D₂ ([R, H, H]) and take one
 * batched MatMul: a third of the work of multiplying by W*, D₁ and D₂ separately (measured: the
 * 200 default steps took 7.6 s on one WebAssembly thread that way).
 */
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';
import { BLOCKS, netDirections, thetaStar } from './netPlane';
import { SPIRAL, spiralData } from './spiralMlp';

type Triple = [Tensor, Tensor, Tensor];

export interface NetParts {
	/** First layer pre-activations at θ*, along d₁, along d₂: [N, H] each. */
	z1: [Tensor, Tensor, Tensor];
	/** W₂ at θ*, along d₁, along d₂ ([H, H] each), and the same for b₂ ([H]). */
	w2: Triple;
	b2: Triple;
	/** The same for W₃ ([H, 2]) and b₃ ([2]). */
	w3: Triple;
	b3: Triple;
	/** One-hot labels [N, 2]. */
	y: Tensor;
}

const H = SPIRAL.width;
const N = SPIRAL.examples;

export function netParts(g: GraphBuilder): NetParts {
	const vecs = [thetaStar, ...netDirections()];
	const block = (v: Float64Array, name: string) => {
		const b = BLOCKS.find((x) => x.name === name)!;
		return v.subarray(b.from, b.to);
	};
	const { tensors } = spiralData();
	const x = tensors.x.data as Float32Array;
	const labels = tensors.label.data as BigInt64Array;
	const z1 = vecs.map((v) => {
		const [w, b] = [block(v, 'w1'), block(v, 'b1')];
		const out = new Float32Array(N * H);
		for (let r = 0; r < N; r++) for (let j = 0; j < H; j++) out[r * H + j] = x[2 * r] * w[j] + x[2 * r + 1] * w[H + j] + b[j];
		return g.constant(out, [N, H]);
	}) as NetParts['z1'];
	const parts = (name: string, shape: number[]) => vecs.map((v) => g.constant(Float32Array.from(block(v, name)), shape)) as Triple;
	const y = new Float32Array(N * 2);
	labels.forEach((c, r) => (y[r * 2 + Number(c)] = 1));
	return { z1, w2: parts('w2', [H, H]), b2: parts('b2', [H]), w3: parts('w3', [H, 2]), b3: parts('b3', [2]), y: g.constant(y, [N, 2]) };
}

/** f for each row of (a, b) (…, 2), as (…, 1). */
export function netF(g: GraphBuilder, p: NetParts, ab: Tensor): Tensor {
	const lead = ab.shape.slice(0, -1) as number[];
	const R = lead.reduce((m, n) => m * n, 1);
	const flat = g.reshape(ab, [R, 2]);
	const a = g.reshape(g.slice(flat, [0], [1], [1]), [R, 1, 1]);
	const b = g.reshape(g.slice(flat, [1], [2], [1]), [R, 1, 1]);
	const mix = (t0: Tensor, t1: Tensor, t2: Tensor) => g.add(t0, g.add(g.mul(a, t1), g.mul(b, t2)));
	const layer = (h: Tensor, w: Triple, bias: Triple) => g.add(g.matMul(h, mix(...w)), mix(...bias));
	const h1 = g.tanh(mix(...p.z1));
	const h2 = g.tanh(layer(h1, p.w2, p.b2));
	const logits = layer(h2, p.w3, p.b3);
	const nll = g.mul(-1 / N, g.reduceSum(g.mul(g.logSoftmax(logits, -1), p.y), [1, 2], false));
	return g.reshape(nll, [...lead, 1]);
}
