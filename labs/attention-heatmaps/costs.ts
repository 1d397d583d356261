/**
 * Figures 5 and 6's arithmetic (plain formulas, no model): the memory of the n × n score
 * matrix against FlashAttention's per-row statistics, sparse attention patterns and their cost,
 * and the KV cache of multi-head, grouped-query and multi-query attention.
 */

export const BYTES_PER_VALUE = { fp32: 4, fp16: 2, int8: 1 } as const;
export type DType = keyof typeof BYTES_PER_VALUE;

/** One layer's attention scores, materialized: n² per head and sequence. */
export const scoreBytes = (n: number, heads: number, batch: number, bytes: number) => n * n * heads * batch * bytes;

/** FlashAttention keeps m and ℓ per query row (fp32) instead of the n × n matrix. */
export const flashStatBytes = (n: number, heads: number, batch: number) => 2 * n * heads * batch * 4;

/** Q, K, V and the output themselves: 4 · n · d_model values, needed either way. */
export const qkvoBytes = (n: number, heads: number, headDim: number, batch: number, bytes: number) => 4 * n * heads * headDim * batch * bytes;

/** KV-cache bytes = 2 · layers · kv_heads · head_dim · seq · batch · bytes_per_value. */
export function kvCacheBytes(p: { layers: number; kvHeads: number; headDim: number; seq: number; batch: number; bytes: number }): number {
	return 2 * p.layers * p.kvHeads * p.headDim * p.seq * p.batch * p.bytes;
}

/** The KV-head count actually usable with `heads` query heads: the largest divisor ≤ asked. */
export function usableKvHeads(heads: number, asked: number): number {
	for (let g = Math.min(heads, asked); g >= 1; g--) if (heads % g === 0) return g;
	return 1;
}

export type SparseKind = 'window' | 'dilated' | 'global';
export const WINDOW = 4;
export const STRIDE = 3;
export const GLOBAL = 2;

/** Whether query i may attend key j (all patterns are causal). */
export function sparseAllowed(kind: SparseKind, i: number, j: number): boolean {
	if (j > i) return false;
	if (kind === 'window') return i - j < WINDOW;
	if (kind === 'dilated') return (i - j) % STRIDE === 0 && (i - j) / STRIDE < WINDOW;
	return j < GLOBAL || i - j < WINDOW || i < GLOBAL;
}

/** Allowed (query, key) pairs for length n: what the pattern costs, against n(n+1)/2 for causal. */
export function sparsePairs(kind: SparseKind, n: number): number {
	// Closed forms (each query sees at most WINDOW keys, plus the global ones).
	const window = (w: number) => (n <= w ? (n * (n + 1)) / 2 : (w * (w + 1)) / 2 + (n - w) * w);
	if (kind === 'window') return window(WINDOW);
	if (kind === 'dilated') {
		let pairs = 0;
		for (let t = 0; t < WINDOW; t++) pairs += Math.max(0, n - t * STRIDE);
		return pairs;
	}
	let pairs = 0;
	for (let i = 0; i < n; i++) {
		if (i < GLOBAL) pairs += i + 1;
		else pairs += Math.min(i + 1, WINDOW + Math.min(GLOBAL, Math.max(0, i + 1 - WINDOW)));
	}
	return pairs;
}

export function formatBytes(b: number): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
	let i = 0;
	while (b >= 1024 && i < units.length - 1) {
		b /= 1024;
		i++;
	}
	return `${b >= 100 ? b.toFixed(0) : b >= 10 ? b.toFixed(1) : b.toFixed(2)} ${units[i]}`;
}
