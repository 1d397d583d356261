/**
 * The gradient check's arithmetic on losses already computed (gradcheck.ts builds and runs the
 * graph): a module of its own, so the gradient-check and tricks figures draw the build's numbers at
 * first paint without loading the graph builder.
 */

/** Steps h = 10^(−8 + k/4), k = 0..32: 1e-8 to 1. */
export const H_SWEEP = Array.from({ length: 33 }, (_, k) => 10 ** (-8 + k / 4));

/** Central differences (L(θ + h e_i) − L(θ − h e_i)) / 2h for step k, from the variant losses. */
export function centralDifferences(losses: readonly number[], P: number, k: number, h: number): number[] {
	return Array.from({ length: P }, (_, i) => (losses[2 * (k * P + i)] - losses[2 * (k * P + i) + 1]) / (2 * h));
}

const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** ‖g_fd − g‖ / ‖g‖. */
export function relativeError(fd: readonly number[], g: readonly number[]): number {
	return norm(fd.map((v, i) => v - g[i])) / norm(g);
}

/** The float32 curve: relative error of the central differences at each h against the backward graph's gradient g. */
export function float32Curve(losses: readonly number[], hs: readonly number[], g: readonly number[]): number[] {
	return hs.map((h, k) => relativeError(centralDifferences(losses, g.length, k, h), g));
}

/** Index of the smallest entry. */
export const argmin = (v: readonly number[]) => v.reduce((best, x, i) => (x < v[best] ? i : best), 0);
