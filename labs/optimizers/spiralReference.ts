/**
 * A float64 TypeScript copy of figure 3's network for the tests: loss and gradient of the
 * MLP 2 → 32 → 32 → 2 (tanh, softmax cross-entropy) at a flat θ (SPIRAL_PARAMS order, row-major),
 * written out by hand (no graph, no autodiff).
 */
export interface Reference {
	loss: number;
	grad: Float64Array;
}

export function spiralLossAndGrad(theta: ArrayLike<number>, points: ArrayLike<number>, labels: ArrayLike<number>, width = 32): Reference {
	const n = labels.length;
	const H = width;
	let o = 0;
	const take = (k: number) => {
		const at = o;
		o += k;
		return at;
	};
	const [w1, b1, w2, b2, w3, b3] = [take(2 * H), take(H), take(H * H), take(H), take(H * 2), take(2)];
	const grad = new Float64Array(o);
	let loss = 0;
	const h1 = new Float64Array(H);
	const h2 = new Float64Array(H);
	const d2 = new Float64Array(H);
	const d1 = new Float64Array(H);
	for (let r = 0; r < n; r++) {
		const x0 = points[2 * r];
		const x1 = points[2 * r + 1];
		for (let j = 0; j < H; j++) h1[j] = Math.tanh(x0 * theta[w1 + j] + x1 * theta[w1 + H + j] + theta[b1 + j]);
		for (let j = 0; j < H; j++) {
			let z = theta[b2 + j];
			for (let i = 0; i < H; i++) z += h1[i] * theta[w2 + i * H + j];
			h2[j] = Math.tanh(z);
		}
		const z3 = [theta[b3], theta[b3 + 1]];
		for (let i = 0; i < H; i++) for (let c = 0; c < 2; c++) z3[c] += h2[i] * theta[w3 + i * 2 + c];
		const m = Math.max(z3[0], z3[1]);
		const lse = m + Math.log(Math.exp(z3[0] - m) + Math.exp(z3[1] - m));
		const y = Number(labels[r]);
		loss += (lse - z3[y]) / n;
		const dz3 = [0, 1].map((c) => (Math.exp(z3[c] - lse) - (c === y ? 1 : 0)) / n);
		for (let c = 0; c < 2; c++) grad[b3 + c] += dz3[c];
		for (let i = 0; i < H; i++) {
			let dh = 0;
			for (let c = 0; c < 2; c++) {
				grad[w3 + i * 2 + c] += h2[i] * dz3[c];
				dh += dz3[c] * theta[w3 + i * 2 + c];
			}
			d2[i] = dh * (1 - h2[i] * h2[i]);
		}
		for (let j = 0; j < H; j++) grad[b2 + j] += d2[j];
		for (let i = 0; i < H; i++) {
			let dh = 0;
			for (let j = 0; j < H; j++) {
				grad[w2 + i * H + j] += h1[i] * d2[j];
				dh += d2[j] * theta[w2 + i * H + j];
			}
			d1[i] = dh * (1 - h1[i] * h1[i]);
		}
		for (let j = 0; j < H; j++) {
			grad[w1 + j] += x0 * d1[j];
			grad[w1 + H + j] += x1 * d1[j];
			grad[b1 + j] += d1[j];
		}
	}
	return { loss, grad };
}
