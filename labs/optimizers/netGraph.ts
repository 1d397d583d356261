/**
 * Figure 1's `net` surface as graph nodes: f(a, b) = the spiral MLP's mean cross-entropy on its
 * 512 training points at θ* + a·d₁ + b·d₂ (netPlane.ts), for every row of (a, b) at once.
 *
 * The weights are never formed per row. Each layer is linear in its weights, so
 *   h W(a, b) = h W* + a·(h D₁) + b·(h D₂):
 * one MatMul against [W* | D₁ | D₂] side by side, then three slices mixed by a and b. The first
 * layer's input is the fixed data, so its three parts are constants computed here once.
 */
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';
import { BLOCKS, netDirections, thetaStar } from './netPlane';
import { SPIRAL, spiralData } from './spiralMlp';

export interface NetParts {
	/** First layer pre-activations at θ*, along d₁, along d₂: [N, H] each. */
	z1: [Tensor, Tensor, Tensor];
	/** [W₂* | D₁w₂ | D₂w₂]: [H, 3H], and the three biases [H]. */
	w2: Tensor;
	b2: [Tensor, Tensor, Tensor];
	/** [W₃* | D₁w₃ | D₂w₃]: [H, 6], and the three biases [2]. */
	w3: Tensor;
	b3: [Tensor, Tensor, Tensor];
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
	// Side by side: row i of the result is row i of W*, then of D₁, then of D₂.
	const sideBySide = (name: string, cols: number) => {
		const out = new Float32Array(H * 3 * cols);
		vecs.forEach((v, k) => {
			const w = block(v, name);
			for (let i = 0; i < H; i++) for (let j = 0; j < cols; j++) out[i * 3 * cols + k * cols + j] = w[i * cols + j];
		});
		return g.constant(out, [H, 3 * cols]);
	};
	const biases = (name: string, n: number) => vecs.map((v) => g.constant(Float32Array.from(block(v, name)), [n])) as [Tensor, Tensor, Tensor];
	const y = new Float32Array(N * 2);
	labels.forEach((c, r) => (y[r * 2 + Number(c)] = 1));
	return { z1, w2: sideBySide('w2', H), b2: biases('b2', H), w3: sideBySide('w3', 2), b3: biases('b3', 2), y: g.constant(y, [N, 2]) };
}

/** f for each row of (a, b) (…, 2), as (…, 1). */
export function netF(g: GraphBuilder, p: NetParts, ab: Tensor): Tensor {
	const lead = ab.shape.slice(0, -1) as number[];
	const R = lead.reduce((m, n) => m * n, 1);
	const flat = g.reshape(ab, [R, 2]);
	const a = g.reshape(g.slice(flat, [0], [1], [1]), [R, 1, 1]);
	const b = g.reshape(g.slice(flat, [1], [2], [1]), [R, 1, 1]);
	const mix = (t0: Tensor, t1: Tensor, t2: Tensor) => g.add(t0, g.add(g.mul(a, t1), g.mul(b, t2)));
	const layer = (h: Tensor, w: Tensor, bias: [Tensor, Tensor, Tensor], cols: number) => {
		const m = g.matMul(h, w);
		const part = (k: number) => g.slice(m, [k * cols], [(k + 1) * cols], [2]);
		return g.add(mix(part(0), part(1), part(2)), mix(...bias));
	};
	const h1 = g.tanh(mix(...p.z1));
	const h2 = g.tanh(layer(h1, p.w2, p.b2, H));
	const logits = layer(h2, p.w3, p.b3, 2);
	const nll = g.mul(-1 / N, g.reduceSum(g.mul(g.logSoftmax(logits, -1), p.y), [1, 2], false));
	return g.reshape(nll, [...lead, 1]);
}
