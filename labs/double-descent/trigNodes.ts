/**
 * Cosines and sines as graph nodes built from multiplications and additions only (Taylor series
 * in Horner form), for the feature graphs.
 *
 * Why not ONNX's Cos and Sin: on WebGPU they become WGSL's cos/sin, whose precision the spec
 * only bounds at 2⁻¹¹ absolute (SwiftShader gave differences of 2e-4 from WASM). The fit at
 * p = n multiplies any difference in the features by about 1/σ_min, so the two backends would
 * draw visibly different peaks. Mul and Add are exact to float32 rounding on both.
 */
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';

/** Σ_k coeffs[k] u^k by Horner's rule. */
function horner(g: GraphBuilder, u: Tensor, coeffs: readonly number[]): Tensor {
	let acc = g.add(g.mul(u, coeffs[coeffs.length - 1]), coeffs[coeffs.length - 2]);
	for (let k = coeffs.length - 3; k >= 0; k--) acc = g.add(g.mul(acc, u), coeffs[k]);
	return acc;
}

const factorial = (m: number): number => (m <= 1 ? 1 : m * factorial(m - 1));

/** cos θ = Σ (−1)^k θ^{2k}/(2k)!, sin θ = θ Σ (−1)^k θ^{2k}/(2k+1)!, as polynomials in θ². */
const cosCoeffs = (terms: number) => Array.from({ length: terms }, (_, k) => (-1) ** k / factorial(2 * k));
const sinCoeffs = (terms: number) => Array.from({ length: terms }, (_, k) => (-1) ** k / factorial(2 * k + 1));

/** cos θ and sin θ for |θ| ≤ π/2 (nine terms: truncation below 1e-10). */
export function cosSinSmall(g: GraphBuilder, theta: Tensor): { cos: Tensor; sin: Tensor } {
	const u = g.mul(theta, theta);
	return { cos: horner(g, u, cosCoeffs(9)), sin: g.mul(theta, horner(g, u, sinCoeffs(9))) };
}

/**
 * cos z for any z: z is first reduced to r = z − 2πk in [−π, π] (k = ⌊z/2π + ½⌋), then a
 * twelve-term series (truncation below 1e-10 at |r| = π).
 */
export function cosAny(g: GraphBuilder, z: Tensor): Tensor {
	const k = g.floor(g.add(g.mul(z, 1 / (2 * Math.PI)), 0.5));
	const r = g.sub(z, g.mul(k, 2 * Math.PI));
	return horner(g, g.mul(r, r), cosCoeffs(12));
}

/**
 * [cos θ, cos 2θ, …, cos mθ, sin θ, …, sin mθ] from cos θ and sin θ by the angle-addition
 * formulas: cos (k+1)θ = cos kθ cos θ − sin kθ sin θ, sin (k+1)θ = sin kθ cos θ + cos kθ sin θ.
 */
export function multiples(g: GraphBuilder, base: { cos: Tensor; sin: Tensor }, m: number): { cos: Tensor[]; sin: Tensor[] } {
	const cos = [base.cos];
	const sin = [base.sin];
	for (let k = 1; k < m; k++) {
		cos.push(g.sub(g.mul(cos[k - 1], base.cos), g.mul(sin[k - 1], base.sin)));
		sin.push(g.add(g.mul(sin[k - 1], base.cos), g.mul(cos[k - 1], base.sin)));
	}
	return { cos, sin };
}
