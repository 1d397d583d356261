/**
 * A float64 reference of figure 1's network for the tests: forward pass, softmax cross-entropy
 * and its gradients by hand-written backpropagation, and one AdamW step. Written from the
 * equations, not from the ONNX graph:
 *   h₁ = relu(x W₁ + b₁),  h₂ = relu(h₁ W₂ + b₂),  z = h₂ W₃ + b₃,  L = −mean log softmax(z)[y]
 */
import { CLASSES, PIXELS } from './glyphs';

export type Params64 = Record<'w1' | 'b1' | 'w2' | 'b2' | 'w3' | 'b3', Float64Array>;

/** out[r, j] = Σ_k a[r, k] b[k, j] + bias[j]. */
function affine(a: Float64Array, rows: number, inner: number, b: Float64Array, bias: Float64Array): Float64Array {
	const cols = bias.length;
	const out = new Float64Array(rows * cols);
	for (let r = 0; r < rows; r++)
		for (let j = 0; j < cols; j++) {
			let s = bias[j];
			for (let k = 0; k < inner; k++) s += a[r * inner + k] * b[k * cols + j];
			out[r * cols + j] = s;
		}
	return out;
}

const relu = (z: Float64Array) => z.map((v) => (v > 0 ? v : 0));

/** Log-softmax of every row of the logits ([rows, CLASSES]). */
export function logSoftmaxRows(z: Float64Array): Float64Array {
	const out = new Float64Array(z.length);
	for (let r = 0; r < z.length / CLASSES; r++) {
		let max = -Infinity;
		for (let c = 0; c < CLASSES; c++) max = Math.max(max, z[r * CLASSES + c]);
		let sum = 0;
		for (let c = 0; c < CLASSES; c++) sum += Math.exp(z[r * CLASSES + c] - max);
		const lse = max + Math.log(sum);
		for (let c = 0; c < CLASSES; c++) out[r * CLASSES + c] = z[r * CLASSES + c] - lse;
	}
	return out;
}

/** Dropout masks already scaled, m/(1 − p), one per hidden unit and row ([rows, width] each). */
export interface Masks64 {
	m1: ArrayLike<number>;
	m2: ArrayLike<number>;
}

const masked = (h: Float64Array, m?: ArrayLike<number>) => (m ? h.map((v, i) => v * m[i]) : h);

export function forward(p: Params64, x: Float64Array, rows: number, masks?: Masks64) {
	const width = p.b1.length;
	const z1 = affine(x, rows, PIXELS, p.w1, p.b1);
	const h1 = masked(relu(z1), masks?.m1);
	const z2 = affine(h1, rows, width, p.w2, p.b2);
	const h2 = masked(relu(z2), masks?.m2);
	const z = affine(h2, rows, width, p.w3, p.b3);
	return { z1, h1, z2, h2, logProbs: logSoftmaxRows(z) };
}

export function loss(p: Params64, x: Float64Array, labels: ArrayLike<number>, masks?: Masks64): number {
	const { logProbs } = forward(p, x, labels.length, masks);
	let s = 0;
	for (let r = 0; r < labels.length; r++) s -= logProbs[r * CLASSES + labels[r]];
	return s / labels.length;
}

/** ∂L/∂p for every parameter, by backpropagation. */
export function gradients(p: Params64, x: Float64Array, labels: ArrayLike<number>): Params64 {
	const rows = labels.length;
	const width = p.b1.length;
	const { z1, h1, z2, h2, logProbs } = forward(p, x, rows);
	// ∂L/∂z = (softmax − onehot)/rows
	const dz = logProbs.map((lp, i) => (Math.exp(lp) - (labels[Math.floor(i / CLASSES)] === i % CLASSES ? 1 : 0)) / rows);
	const back = (a: Float64Array, inner: number, d: Float64Array, cols: number, w: Float64Array) => {
		const dw = new Float64Array(inner * cols);
		const db = new Float64Array(cols);
		const da = new Float64Array(rows * inner);
		for (let r = 0; r < rows; r++)
			for (let j = 0; j < cols; j++) {
				const g = d[r * cols + j];
				db[j] += g;
				for (let k = 0; k < inner; k++) {
					dw[k * cols + j] += a[r * inner + k] * g;
					da[r * inner + k] += w[k * cols + j] * g;
				}
			}
		return { dw, db, da };
	};
	const l3 = back(h2, width, dz, CLASSES, p.w3);
	const dz2 = l3.da.map((v, i) => (z2[i] > 0 ? v : 0));
	const l2 = back(h1, width, dz2, width, p.w2);
	const dz1 = l2.da.map((v, i) => (z1[i] > 0 ? v : 0));
	const l1 = back(x, PIXELS, dz1, width, p.w1);
	return { w1: l1.dw, b1: l1.db, w2: l2.dw, b2: l2.db, w3: l3.dw, b3: l3.db };
}

/** AdamW's first step from zero moments: w − ηλw (weights only) − η·ĝ/(|ĝ| + ε) with bias correction. */
export function firstAdamWStep(w: Float64Array, grad: Float64Array, lr: number, decay: number, { beta1 = 0.9, beta2 = 0.999, eps = 1e-8 } = {}): Float64Array {
	return w.map((v, i) => {
		const m = (1 - beta1) * grad[i];
		const s = (1 - beta2) * grad[i] * grad[i];
		return v - lr * decay * v - (lr / (1 - beta1)) * (m / (Math.sqrt(s / (1 - beta2)) + eps));
	});
}
