/**
 * Figure 5, left: how noisy a mini-batch gradient is. From the N per-example gradients gₙ at one
 * θ: their mean G (the full-batch gradient), tr Σ = (1/N) Σₙ ‖gₙ − G‖², and, for each batch size
 * B, the measured tr Cov(g_B): the mean of ‖g_B − G‖² over seeded draws of B examples without
 * replacement. Sampling without replacement from N gives (tr Σ/B)(N−B)/(N−1), the analytic curve;
 * B_simple = tr Σ/‖G‖² is where the noise equals the signal (McCandlish et al. 2018).
 */
import { createRng } from '$lib/random';

/** Batch sizes 1, 2, 4, …, 256, and draws of each. */
export const BATCH_NOISE = { sizes: [1, 2, 4, 8, 16, 32, 64, 128, 256], draws: 128 } as const;

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

/** `grads`: N rows of P per-example gradients, row-major. */
export function measureBatchNoise(grads: Float32Array, n: number, p: number, seed: number, sizes: readonly number[] = BATCH_NOISE.sizes, draws: number = BATCH_NOISE.draws): BatchNoise {
	const mean = new Float64Array(p);
	for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) mean[j] += grads[r * p + j] / n;
	let traceSigma = 0;
	for (let r = 0; r < n; r++)
		for (let j = 0; j < p; j++) {
			const d = grads[r * p + j] - mean[j];
			traceSigma += (d * d) / n;
		}
	const gradNormSq = mean.reduce((s, x) => s + x * x, 0);
	const rng = createRng(seed);
	const order = Uint32Array.from({ length: n }, (_, i) => i);
	const batch = new Float64Array(p);
	const measured = sizes.map((b) => {
		let total = 0;
		for (let d = 0; d < draws; d++) {
			// The first b places of a partial Fisher–Yates shuffle: b examples without replacement.
			for (let i = 0; i < b; i++) {
				const k = i + Math.floor(rng.uniform() * (n - i));
				[order[i], order[k]] = [order[k], order[i]];
			}
			batch.fill(0);
			for (let i = 0; i < b; i++) {
				const row = grads.subarray(order[i] * p, order[i] * p + p);
				for (let j = 0; j < p; j++) batch[j] += row[j];
			}
			for (let j = 0; j < p; j++) {
				const e = batch[j] / b - mean[j];
				total += e * e;
			}
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
