/**
 * An independent plain-TypeScript (float64) training step for a small MLP, to check the ONNX
 * training graph against: forward, softmax cross-entropy, the backward pass written out by hand,
 * and the optimizer updates as PyTorch defines them (SGD with momentum and L2, AdamW with
 * decoupled decay, optional global-norm clipping). Arrays of numbers only; no builder, no ONNX.
 */

export type Act = 'tanh' | 'relu' | 'sigmoid';

export interface RefLayer {
	/** [fanIn][fanOut] */
	w: number[][];
	b: number[];
	act: Act | null;
}

const actF: Record<Act, (z: number) => number> = {
	tanh: Math.tanh,
	relu: (z) => Math.max(0, z),
	sigmoid: (z) => 1 / (1 + Math.exp(-z))
};
/** Derivative from the pre-activation z and the output a. */
const actD: Record<Act, (z: number, a: number) => number> = {
	tanh: (_z, a) => 1 - a * a,
	relu: (z) => (z > 0 ? 1 : 0),
	sigmoid: (_z, a) => a * (1 - a)
};

export interface RefGrads {
	w: number[][][];
	b: number[][];
}

/** Loss (mean softmax cross-entropy) and its gradients for every layer. */
export function lossAndGrads(layers: RefLayer[], x: number[][], labels: number[]): { loss: number; grads: RefGrads } {
	const hs: number[][][] = [x];
	const zs: number[][][] = [];
	for (const layer of layers) {
		const input = hs[hs.length - 1];
		const z = input.map((row) => layer.b.map((bj, j) => bj + row.reduce((s, v, i) => s + v * layer.w[i][j], 0)));
		zs.push(z);
		hs.push(layer.act ? z.map((row) => row.map(actF[layer.act!])) : z);
	}
	const logits = hs[hs.length - 1];
	const batch = x.length;
	let loss = 0;
	// ∂L/∂logits = (softmax − onehot) / batch
	let grad = logits.map((row, r) => {
		const m = Math.max(...row);
		const exps = row.map((v) => Math.exp(v - m));
		const sum = exps.reduce((a, b) => a + b, 0);
		loss -= Math.log(exps[labels[r]] / sum) / batch;
		return exps.map((e, c) => (e / sum - (c === labels[r] ? 1 : 0)) / batch);
	});
	const grads: RefGrads = { w: [], b: [] };
	for (let l = layers.length - 1; l >= 0; l--) {
		const layer = layers[l];
		if (layer.act) grad = grad.map((row, r) => row.map((g, j) => g * actD[layer.act!](zs[l][r][j], hs[l + 1][r][j])));
		const input = hs[l];
		grads.w[l] = layer.w.map((wi, i) => wi.map((_, j) => input.reduce((s, row, r) => s + row[i] * grad[r][j], 0)));
		grads.b[l] = layer.b.map((_, j) => grad.reduce((s, row) => s + row[j], 0));
		grad = input.map((_, r) => layer.w.map((wi) => wi.reduce((s, wij, j) => s + wij * grad[r][j], 0)));
	}
	return { loss, grads };
}

function clipScale(grads: RefGrads, maxNorm: number | undefined): number {
	if (maxNorm === undefined) return 1;
	let sq = 0;
	for (const w of grads.w) for (const row of w) for (const v of row) sq += v * v;
	for (const b of grads.b) for (const v of b) sq += v * v;
	return Math.min(1, maxNorm / (Math.sqrt(sq) + 1e-6));
}

export interface SgdRef {
	lr: number;
	momentum: number;
	weightDecay: number;
	clipNorm?: number;
}

/** One SGD step in place; `velocity` has the layers' shapes (starts at zeros). Returns the loss. */
export function sgdStep(layers: RefLayer[], velocity: RefGrads, x: number[][], labels: number[], o: SgdRef): number {
	const { loss, grads } = lossAndGrads(layers, x, labels);
	const scale = clipScale(grads, o.clipNorm);
	layers.forEach((layer, l) => {
		layer.w.forEach((row, i) =>
			row.forEach((w, j) => {
				const g = grads.w[l][i][j] * scale + o.weightDecay * w;
				velocity.w[l][i][j] = o.momentum * velocity.w[l][i][j] + g;
				row[j] = w - o.lr * velocity.w[l][i][j];
			})
		);
		layer.b.forEach((b, j) => {
			// Biases are not decayed.
			velocity.b[l][j] = o.momentum * velocity.b[l][j] + grads.b[l][j] * scale;
			layer.b[j] = b - o.lr * velocity.b[l][j];
		});
	});
	return loss;
}

export interface AdamWRef {
	lr: number;
	beta1: number;
	beta2: number;
	eps: number;
	weightDecay: number;
	clipNorm?: number;
}

/** One AdamW step in place at step number t (1-based). Returns the loss. */
export function adamwStep(layers: RefLayer[], m: RefGrads, v: RefGrads, t: number, x: number[][], labels: number[], o: AdamWRef): number {
	const { loss, grads } = lossAndGrads(layers, x, labels);
	const scale = clipScale(grads, o.clipNorm);
	const c1 = 1 - o.beta1 ** t;
	const c2 = 1 - o.beta2 ** t;
	const update = (p: number, g: number, mm: number[], vv: number[], k: number, decay: boolean) => {
		mm[k] = o.beta1 * mm[k] + (1 - o.beta1) * g;
		vv[k] = o.beta2 * vv[k] + (1 - o.beta2) * g * g;
		const decayed = decay ? p * (1 - o.lr * o.weightDecay) : p;
		return decayed - ((o.lr / c1) * mm[k]) / (Math.sqrt(vv[k] / c2) + o.eps);
	};
	layers.forEach((layer, l) => {
		layer.w.forEach((row, i) => row.forEach((w, j) => (row[j] = update(w, grads.w[l][i][j] * scale, m.w[l][i], v.w[l][i], j, true))));
		layer.b.forEach((b, j) => (layer.b[j] = update(b, grads.b[l][j] * scale, m.b[l], v.b[l], j, false)));
	});
	return loss;
}

export const zerosLike = (layers: RefLayer[]): RefGrads => ({
	w: layers.map((l) => l.w.map((row) => row.map(() => 0))),
	b: layers.map((l) => l.b.map(() => 0))
});
