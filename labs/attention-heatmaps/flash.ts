/**
 * Attention for one head two ways, in plain TypeScript (float64): the full softmax over all keys
 * at once, and FlashAttention's tiled form, which visits the keys one block at a time and keeps
 * per query row only a running maximum m, a running normalizer ℓ and an unnormalized output:
 *
 *   m' = max(m, max_j s_j)      ℓ' = ℓ·e^{m−m'} + Σ_j e^{s_j−m'}      o' = o·e^{m−m'} + Σ_j e^{s_j−m'} v_j
 *
 * and divides by ℓ at the end. Both give the same output (the lab checks it, and a unit test
 * pins it at ≤ 1e-5); the tiled form never holds an n × n matrix. Every intermediate state is
 * kept so the figure can step through it.
 */

export type Matrix = number[][];

export interface FlashState {
	/** Keys [start, end) of the block just merged. */
	block: [number, number];
	m: number[];
	l: number[];
	/** Unnormalized outputs o (divide by ℓ for the current estimate). */
	o: Matrix;
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

/** softmax(q kᵀ · scale, masked cells dropped) v, with the weights. */
export function fullAttention(q: Matrix, k: Matrix, v: Matrix, scale: number, masked?: (i: number, j: number) => boolean): { out: Matrix; weights: Matrix } {
	const weights = q.map((qi, i) => {
		const s = k.map((kj, j) => (masked?.(i, j) ? -Infinity : dot(qi, kj) * scale));
		const m = Math.max(...s);
		const e = s.map((x) => (x === -Infinity ? 0 : Math.exp(x - m)));
		const z = e.reduce((a, b) => a + b, 0);
		return e.map((x) => x / z);
	});
	const out = weights.map((w) => v[0].map((_, c) => w.reduce((s, wj, j) => s + wj * v[j][c], 0)));
	return { out, weights };
}

/** The tiled online-softmax pass: the state after each block of `tile` keys, and the output. */
export function tiledAttention(
	q: Matrix,
	k: Matrix,
	v: Matrix,
	scale: number,
	tile: number,
	masked?: (i: number, j: number) => boolean
): { states: FlashState[]; out: Matrix } {
	const rows = q.length;
	const dv = v[0].length;
	let m = new Array<number>(rows).fill(-Infinity);
	let l = new Array<number>(rows).fill(0);
	let o: Matrix = Array.from({ length: rows }, () => new Array<number>(dv).fill(0));
	const states: FlashState[] = [];
	for (let start = 0; start < k.length; start += tile) {
		const end = Math.min(k.length, start + tile);
		const next = { m: [...m], l: [...l], o: o.map((r) => [...r]) };
		for (let i = 0; i < rows; i++) {
			const s: number[] = [];
			for (let j = start; j < end; j++) s.push(masked?.(i, j) ? -Infinity : dot(q[i], k[j]) * scale);
			const blockMax = Math.max(...s);
			if (blockMax === -Infinity) continue; // every key of this block is masked for row i
			const mNew = Math.max(m[i], blockMax);
			const correction = m[i] === -Infinity ? 0 : Math.exp(m[i] - mNew);
			let lNew = l[i] * correction;
			const oNew = o[i].map((x) => x * correction);
			s.forEach((sj, t) => {
				if (sj === -Infinity) return;
				const p = Math.exp(sj - mNew);
				lNew += p;
				for (let c = 0; c < dv; c++) oNew[c] += p * v[start + t][c];
			});
			next.m[i] = mNew;
			next.l[i] = lNew;
			next.o[i] = oNew;
		}
		m = next.m;
		l = next.l;
		o = next.o;
		states.push({ block: [start, end], m, l, o });
	}
	return { states, out: o.map((r, i) => r.map((x) => x / l[i])) };
}

export function maxAbsDiff(a: Matrix, b: Matrix): number {
	let worst = 0;
	a.forEach((r, i) => r.forEach((x, j) => (worst = Math.max(worst, Math.abs(x - b[i][j])))));
	return worst;
}
