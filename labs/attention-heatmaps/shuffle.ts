/** The fixed shuffle figure 4 applies to the sequence (the same on every machine). */
import { createRng } from '$lib/random';

/** A permutation of 0…n−1: slot i of the shuffled sequence holds original position perm[i]. */
export function shufflePermutation(n: number): number[] {
	const rng = createRng(2024 + n);
	const perm = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(rng.uniform() * (i + 1));
		[perm[i], perm[j]] = [perm[j], perm[i]];
	}
	return perm;
}
