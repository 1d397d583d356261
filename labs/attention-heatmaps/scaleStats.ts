/**
 * Figure 3's numbers, computed in TypeScript (not by an ONNX model): random q and k with
 * independent N(0, 1) components in d dimensions. Then q·k has mean 0 and variance d, so its
 * spread grows like √d; divided by √d it has variance 1 whatever d is. A softmax over such
 * scores is near-uniform when they are small and near one-hot when they are large, and its
 * Jacobian diag(p) − ppᵀ goes to zero with it: no gradient flows through a saturated softmax.
 */
import { estimateBytes } from '$lib/cache/bytes';
import { Lru } from '$lib/cache/lru';
import { createRng, type Rng } from '$lib/random';

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

/** The User Timing measure figure 3 records around computing every d's statistics. */
export const SCALE_STATS_MEASURE = 'attention: √d_k statistics';

/** Runs `work` and records how long it took as a performance measure called `name`. */
export function timed<T>(name: string, work: () => T): T {
	const start = performance.now();
	const out = work();
	performance.measure(name, { start, end: performance.now() });
	return out;
}

// One entry per (d, scaled, rows, seed): the figure asks for a dozen; the caps bound the rest.
const cache = new Lru<ScaleStats>({ maxEntries: 32, maxBytes: 4 * 1024 * 1024, sizeOf: estimateBytes });
const rawCache = new Lru<Float64Array>({ maxEntries: 16, maxBytes: 4 * 1024 * 1024, sizeOf: estimateBytes });

/**
 * Unscaled scores q·k_j, `KEYS` per row (one query per row). Given q, each q·k_j with
 * k_j ~ N(0, I_d) is N(0, ‖q‖²), independently across j, and ‖q‖² is χ² with d degrees of
 * freedom; so a row is √χ²_d times KEYS standard normals: the same distribution as drawing
 * every q and k, at a cost that does not grow with d. (Drawing them all cost 1.4–2.6 s on the
 * main thread for the figure's nine d's, which froze the page as it loaded.)
 */
function rawDots(d: number, rows: number, seed: number): Float64Array {
	const key = `${d}-${rows}-${seed}`;
	const hit = rawCache.get(key);
	if (hit) return hit;
	const rng = createRng(seed * 7919 + d);
	const z = new Float64Array(KEYS);
	const out = new Float64Array(rows * KEYS);
	for (let r = 0; r < rows; r++) {
		const norm = Math.sqrt(chiSquared(rng, d));
		rng.fillNormal(z);
		for (let j = 0; j < KEYS; j++) out[r * KEYS + j] = norm * z[j];
	}
	rawCache.set(key, out);
	return out;
}

/** χ²_d = 2·Gamma(d/2), by Marsaglia and Tsang's method (shape ≥ 1, i.e. d ≥ 2). */
function chiSquared(rng: Rng, d: number): number {
	const shape = d / 2;
	const d0 = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d0);
	for (;;) {
		const x = rng.normal();
		const v = (1 + c * x) ** 3;
		if (v <= 0) continue;
		const u = rng.uniform();
		if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d0 * (1 - v + Math.log(v))) return 2 * d0 * v;
	}
}

export function scaleStats(d: number, scaled: boolean, rows = 150, seed = 1): ScaleStats {
	const key = `${d}-${scaled}-${rows}-${seed}`;
	const hit = cache.get(key);
	if (hit) return hit;
	const raw = rawDots(d, rows, seed);
	const factor = scaled ? 1 / Math.sqrt(d) : 1;
	const dots: number[] = Array.from(raw, (v) => v * factor);
	let entropy = 0;
	let maxWeight = 0;
	let jacobian = 0;
	for (let r = 0; r < rows; r++) {
		const s = dots.slice(r * KEYS, (r + 1) * KEYS);
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
