/**
 * Figure 3's numbers, computed in TypeScript (not by an ONNX model): random q and k with
 * independent N(0, 1) components in d dimensions. Then q·k has mean 0 and variance d, so its
 * spread grows like √d; divided by √d it has variance 1 whatever d is. A softmax over such
 * scores is near-uniform when they are small and near one-hot when they are large, and its
 * Jacobian diag(p) − ppᵀ goes to zero with it: no gradient flows through a saturated softmax.
 */
import { estimateBytes } from '$lib/cache/bytes';
import { Lru } from '$lib/cache/lru';
import { createRng } from '$lib/random';

export const DIMS = [4, 8, 16, 32, 64, 128, 256, 512, 1024] as const;
/** Keys per softmax row in the entropy estimate. */
export const KEYS = 32;

export interface ScaleStats {
	d: number;
	scaled: boolean;
	/** Samples of q·k (divided by √d when scaled). */
	dots: number[];
	std: number;
	/** Mean softmax entropy over rows (nats); log(KEYS) is uniform, 0 is one-hot. */
	entropy: number;
	/** Mean largest weight per row. */
	maxWeight: number;
	/** Mean Frobenius norm of the softmax Jacobian diag(p) − ppᵀ. */
	jacobian: number;
}

// One entry per (d, scaled, rows, seed): the figure asks for a dozen; the cap bounds the rest.
const cache = new Lru<ScaleStats>({ maxEntries: 32, maxBytes: 4 * 1024 * 1024, sizeOf: estimateBytes });

export function scaleStats(d: number, scaled: boolean, rows = 150, seed = 1): ScaleStats {
	const key = `${d}-${scaled}-${rows}-${seed}`;
	const hit = cache.get(key);
	if (hit) return hit;
	const rng = createRng(seed * 7919 + d);
	const q = new Float64Array(d);
	const k = new Float64Array(d);
	const factor = scaled ? 1 / Math.sqrt(d) : 1;
	const dots: number[] = [];
	let entropy = 0;
	let maxWeight = 0;
	let jacobian = 0;
	const s = new Float64Array(KEYS);
	for (let r = 0; r < rows; r++) {
		rng.fillNormal(q);
		for (let j = 0; j < KEYS; j++) {
			rng.fillNormal(k);
			let acc = 0;
			for (let c = 0; c < d; c++) acc += q[c] * k[c];
			s[j] = acc * factor;
			dots.push(s[j]);
		}
		const m = Math.max(...s);
		let z = 0;
		for (let j = 0; j < KEYS; j++) z += Math.exp(s[j] - m);
		let h = 0;
		let sq = 0;
		let cube = 0;
		let top = 0;
		for (let j = 0; j < KEYS; j++) {
			const p = Math.exp(s[j] - m) / z;
			if (p > 0) h -= p * Math.log(p);
			sq += p * p;
			cube += p * p * p;
			top = Math.max(top, p);
		}
		entropy += h;
		maxWeight += top;
		// ‖diag(p) − ppᵀ‖_F² = Σp² − 2Σp³ + (Σp²)²
		jacobian += Math.sqrt(Math.max(0, sq - 2 * cube + sq * sq));
	}
	const mean = dots.reduce((a, b) => a + b, 0) / dots.length;
	const std = Math.sqrt(dots.reduce((a, b) => a + (b - mean) ** 2, 0) / dots.length);
	const out = { d, scaled, dots, std, entropy: entropy / rows, maxWeight: maxWeight / rows, jacobian: jacobian / rows };
	cache.set(key, out);
	return out;
}
