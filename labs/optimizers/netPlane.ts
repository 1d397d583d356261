/**
 * The plane of figure 1's `net` surface: θ(a, b) = θ* + a·d₁ + b·d₂ in the spiral MLP's weights.
 * d₁, d₂ are seeded normal directions, filter-normalized as in Li et al. (2018): each parameter
 * block (w₁, b₁, w₂, …) of dᵢ is rescaled to that block's norm in θ*, so a step of 1 along a or b
 * moves every layer by as much as the layer itself weighs, whatever its scale.
 */
import { createRng } from '$lib/random';
import recorded from './recorded/net.json';
import { PARAM_COUNT, SPIRAL_PARAMS } from './spiralMlp';

/** Seeds of d₁ and d₂. */
export const NET_DIRECTION_SEEDS = [11, 12] as const;

export const thetaStar: Float64Array = Float64Array.from(recorded.theta);

/** [start, end) of each parameter block in the flat vector, in SPIRAL_PARAMS order. */
export const BLOCKS: readonly { name: string; shape: readonly number[]; from: number; to: number }[] = (() => {
	let at = 0;
	return SPIRAL_PARAMS.map((p) => {
		const n = p.shape.reduce((a, b) => a * b, 1);
		const block = { name: p.name, shape: p.shape, from: at, to: at + n };
		at += n;
		return block;
	});
})();

export function filterNormalizedDirection(seed: number, theta: ArrayLike<number> = thetaStar): Float64Array {
	const rng = createRng(seed);
	const d = Float64Array.from({ length: PARAM_COUNT }, () => rng.normal());
	for (const { from, to } of BLOCKS) {
		let dn = 0;
		let tn = 0;
		for (let i = from; i < to; i++) {
			dn += d[i] * d[i];
			tn += theta[i] * theta[i];
		}
		// A block that is zero in θ* (none after training) gets no direction rather than a NaN.
		const scale = dn > 0 ? Math.sqrt(tn / dn) : 0;
		for (let i = from; i < to; i++) d[i] *= scale;
	}
	return d;
}

export const netDirections = (): [Float64Array, Float64Array] => [filterNormalizedDirection(NET_DIRECTION_SEEDS[0]), filterNormalizedDirection(NET_DIRECTION_SEEDS[1])];

/** θ* + a·d₁ + b·d₂. */
export function planePoint(a: number, b: number, [d1, d2] = netDirections()): Float64Array {
	return thetaStar.map((t, i) => t + a * d1[i] + b * d2[i]);
}
