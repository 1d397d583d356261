/**
 * The MLP, its loss and its gradients in float64 TypeScript, written out by hand (no graph, no
 * autodiff): the independent reference the model tests compare the ONNX graph with.
 */
import type { Activation, LossKind } from './model';

export interface RefInput {
	X: ArrayLike<number>; // [B, 2]
	Y: ArrayLike<number>; // [B, 3]
	W1: ArrayLike<number>; // [2, H]
	b1: ArrayLike<number>;
	W2: ArrayLike<number>; // [H, 3]
	b2: ArrayLike<number>;
	batch: number;
	hidden: number;
	act: Activation;
	loss: LossKind;
}

export interface RefOutput {
	loss: number;
	/** Row-major [B, 3]. */
	z: number[];
	p: number[];
	dz: number[];
	grads: { W1: number[]; b1: number[]; W2: number[]; b2: number[]; X: number[] };
}

const activate = (act: Activation, a: number) => (act === 'tanh' ? Math.tanh(a) : act === 'relu' ? Math.max(0, a) : 1 / (1 + Math.exp(-a)));
/** The activation's derivative, from its input a and output h (ReLU takes 0 at a = 0, as the graph does). */
const slope = (act: Activation, a: number, h: number) => (act === 'tanh' ? 1 - h * h : act === 'relu' ? (a > 0 ? 1 : 0) : h * (1 - h));

export function softmax(z: readonly number[]): number[] {
	const m = Math.max(...z);
	const e = z.map((v) => Math.exp(v - m));
	const s = e.reduce((a, b) => a + b, 0);
	return e.map((v) => v / s);
}

export function referenceRun(r: RefInput): RefOutput {
	const { batch: B, hidden: H } = r;
	const C = 3;
	const a = new Array<number>(B * H).fill(0);
	const h = new Array<number>(B * H).fill(0);
	const z = new Array<number>(B * C).fill(0);
	const p = new Array<number>(B * C).fill(0);
	const dz = new Array<number>(B * C).fill(0);
	let loss = 0;
	for (let b = 0; b < B; b++) {
		for (let j = 0; j < H; j++) {
			let s = r.b1[j];
			for (let i = 0; i < 2; i++) s += r.X[2 * b + i] * r.W1[i * H + j];
			a[b * H + j] = s;
			h[b * H + j] = activate(r.act, s);
		}
		for (let c = 0; c < C; c++) {
			let s = r.b2[c];
			for (let j = 0; j < H; j++) s += h[b * H + j] * r.W2[j * C + c];
			z[b * C + c] = s;
		}
		const pb = softmax(z.slice(b * C, b * C + C));
		const yb = Array.from({ length: C }, (_, c) => r.Y[b * C + c]);
		pb.forEach((v, c) => (p[b * C + c] = v));
		if (r.loss === 'ce') {
			// L_b = −Σ y log p; ∂L/∂z = (p − y)/B.
			loss -= yb.reduce((s, y, c) => s + y * Math.log(pb[c]), 0) / B;
			for (let c = 0; c < C; c++) dz[b * C + c] = (pb[c] - yb[c]) / B;
		} else {
			// L_b = Σ (p − y)²; ∂L/∂p = 2(p − y)/B, then through the softmax Jacobian.
			const dp = pb.map((v, c) => (2 * (v - yb[c])) / B);
			loss += pb.reduce((s, v, c) => s + (v - yb[c]) ** 2, 0) / B;
			const dot = dp.reduce((s, v, c) => s + v * pb[c], 0);
			for (let c = 0; c < C; c++) dz[b * C + c] = pb[c] * (dp[c] - dot);
		}
	}
	// Z = XW + b: W̄ = XᵀZ̄, b̄ = Σ_b Z̄, X̄ = Z̄Wᵀ.
	const W2 = new Array<number>(H * C).fill(0);
	const b2 = new Array<number>(C).fill(0);
	const da = new Array<number>(B * H).fill(0);
	for (let b = 0; b < B; b++)
		for (let c = 0; c < C; c++) {
			const g = dz[b * C + c];
			b2[c] += g;
			for (let j = 0; j < H; j++) {
				W2[j * C + c] += h[b * H + j] * g;
				da[b * H + j] += g * r.W2[j * C + c];
			}
		}
	for (let k = 0; k < B * H; k++) da[k] *= slope(r.act, a[k], h[k]);
	const W1 = new Array<number>(2 * H).fill(0);
	const b1 = new Array<number>(H).fill(0);
	const X = new Array<number>(B * 2).fill(0);
	for (let b = 0; b < B; b++)
		for (let j = 0; j < H; j++) {
			const g = da[b * H + j];
			b1[j] += g;
			for (let i = 0; i < 2; i++) {
				W1[i * H + j] += r.X[2 * b + i] * g;
				X[2 * b + i] += g * r.W1[i * H + j];
			}
		}
	return { loss, z, p, dz, grads: { W1, b1, W2, b2, X } };
}
