/**
 * Sample quality: how far a cloud of generated points is from the data, by the maximum mean
 * discrepancy with a sum of Gaussian kernels at three bandwidths (0.1, 0.3, 1; the data span
 * about ±2), so both fine structure (moons' width) and overall placement count:
 *   MMD² = mean k(x, x') + mean k(y, y') − 2 mean k(x, y)   (biased estimate, ≥ 0)
 * We report MMD = √MMD². N(0, I) samples, the "no model" baseline, score far from zero.
 */
const BANDWIDTHS = [0.1, 0.3, 1] as const;

function meanKernel(a: Float32Array, na: number, b: Float32Array, nb: number): number {
	const inv = BANDWIDTHS.map((h) => -1 / (2 * h * h));
	let sum = 0;
	for (let i = 0; i < na; i++) {
		const ax = a[2 * i];
		const ay = a[2 * i + 1];
		for (let j = 0; j < nb; j++) {
			const dx = ax - b[2 * j];
			const dy = ay - b[2 * j + 1];
			const d2 = dx * dx + dy * dy;
			sum += Math.exp(inv[0] * d2) + Math.exp(inv[1] * d2) + Math.exp(inv[2] * d2);
		}
	}
	return sum / (na * nb * BANDWIDTHS.length);
}

export function mmd(x: Float32Array, y: Float32Array): number {
	const nx = x.length / 2;
	const ny = y.length / 2;
	const m2 = meanKernel(x, nx, x, nx) + meanKernel(y, ny, y, ny) - 2 * meanKernel(x, nx, y, ny);
	return Math.sqrt(Math.max(0, m2));
}
