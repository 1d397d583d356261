/**
 * Figure 5, left: how noisy a mini-batch gradient is. From the N per-example gradients gₙ at one
 * θ, given as their inner products Mᵢⱼ = ⟨gᵢ, gⱼ⟩: their mean G (the full-batch gradient), tr Σ =
 * (1/N) Σₙ ‖gₙ − G‖², and, for each batch size B, the measured tr Cov(g_B): the mean of
 * ‖g_B − G‖² over seeded draws of B examples without replacement. ‖g_B − G‖² = (1/B²) Σᵢⱼ Kᵢⱼ
 * over the batch, with K = M centred, so a draw costs B² lookups rather than B·P additions.
 * Drawing without replacement from N gives (tr Σ/B)(N−B)/(N−1), the analytic curve; B_simple =
 * tr Σ/‖G‖² is where the noise equals the signal (McCandlish et al. 2018).
 */
import { createRng } from '$lib/random';

/** Batch sizes 1, 2, 4, …, 256, and draws of each. */
export const BATCH_NOISE = { sizes: [1, 2, 4, 8, 16, 32, 64, 128, 256], draws: 256 } as const;

export interface BatchNoise {
	sizes: number[];
	/** Measured tr Cov(g_B) at each size. */
	measured: number[];
	/** (tr Σ/B)(N−B)/(N−1) at each size. */
	analytic: number[];
	traceSigma: number;
	/** ‖G‖². */
	gradNormSq: number;
	/** tr Σ/‖G‖². */
	bSimple: number;
	examples: number;
}

export const analyticTrCov = (traceSigma: number, b: number, n: number) => ((traceSigma / b) * (n - b)) / (n - 1);

/** `gram`: the N × N inner products of the per-example gradients, row-major. */
export function measureBatchNoise(gram: ArrayLike<number>, n: number, seed: number, sizes: readonly number[] = BATCH_NOISE.sizes, draws: number = BATCH_NOISE.draws): BatchNoise {
	const rowMean = new Float64Array(n);
	for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rowMean[i] += gram[i * n + j] / n;
	// ‖G‖² = mean of all Mᵢⱼ; Kᵢⱼ = ⟨gᵢ − G, gⱼ − G⟩ = Mᵢⱼ − rᵢ − rⱼ + ‖G‖².
	const gradNormSq = rowMean.reduce((s, r) => s + r / n, 0);
	const k = new Float64Array(n * n);
	for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j] = gram[i * n + j] - rowMean[i] - rowMean[j] + gradNormSq;
	let traceSigma = 0;
	for (let i = 0; i < n; i++) traceSigma += k[i * n + i] / n;
	const rng = createRng(seed);
	const order = Uint32Array.from({ length: n }, (_, i) => i);
	const measured = sizes.map((b) => {
		let total = 0;
		for (let d = 0; d < draws; d++) {
			// The first b places of a partial Fisher–Yates shuffle: b examples without replacement.
			for (let i = 0; i < b; i++) {
				const r = i + Math.floor(rng.uniform() * (n - i));
				[order[i], order[r]] = [order[r], order[i]];
			}
			let sum = 0;
			for (let i = 0; i < b; i++) {
				const row = order[i] * n;
				for (let j = 0; j < b; j++) sum += k[row + order[j]];
			}
			total += sum / (b * b);
		}
		return total / draws;
	});
	return {
		sizes: [...sizes],
		measured,
		analytic: sizes.map((b) => analyticTrCov(traceSigma, b, n)),
		traceSigma,
		gradNormSq,
		bSimple: traceSigma / gradNormSq,
		examples: n
	};
}
