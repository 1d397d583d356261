/**
 * The standard normal distribution in float64: erf, the CDF Φ and the density φ (the
 * vanishing-gradients lab's GELU, the diffusion lab's class-overlap accuracy).
 */

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x) to ~1e-14: the Maclaurin series where it converges without cancellation (|x| < 2.5),
 * and for larger |x| the classic continued fraction of erfc,
 *   erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
 * evaluated bottom-up with a fixed number of terms.
 */
export function erf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	const ax = Math.abs(x);
	if (ax < 2.5) {
		const x2 = x * x;
		let term = x; // (−1)^n x^(2n+1) / n!
		let sum = x;
		for (let n = 1; n < 100; n++) {
			term *= -x2 / n;
			const next = term / (2 * n + 1);
			sum += next;
			if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
		}
		return TWO_OVER_SQRT_PI * sum;
	}
	if (ax > 6) return Math.sign(x); // erfc(6) ≈ 2e-17: below double precision next to 1
	let frac = ax;
	for (let k = 120; k >= 1; k--) frac = ax + k / 2 / frac;
	const erfc = Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * frac);
	return Math.sign(x) * (1 - erfc);
}

/** Standard normal CDF Φ and density φ. */
export const normalCdf = (z: number): number => 0.5 * (1 + erf(z * Math.SQRT1_2));
export const normalPdf = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
