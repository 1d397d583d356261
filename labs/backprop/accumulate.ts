/**
 * Figure 6 (c), gradient accumulation: what `.grad` holds after each of k micro-batches. The
 * micro-batch gradients come from runs of the lab's graph; this is only the `+=` into `.grad`,
 * done in float32 as PyTorch does. Scaling by 1/k here equals running backward on loss ÷ k bit
 * for bit, since k is a power of two.
 */
export type AccVariant = 'ok' | 'nodiv' | 'nozero';

/** The batch the accumulation splits (a second one, the same size, stands for the previous step). */
export const ACC_BATCH = 16;

/**
 * `.grad` before the first micro-batch (zeros after zero_grad, or the previous step's gradient
 * when it was forgotten), then after each micro-batch.
 */
export function accumulate(micro: readonly ArrayLike<number>[], variant: AccVariant, previous: ArrayLike<number>): number[][] {
	const k = micro.length;
	const grad = variant === 'nozero' ? Float32Array.from(previous) : new Float32Array(previous.length);
	const after = [Array.from(grad)];
	const scale = variant === 'nodiv' ? 1 : 1 / k;
	for (const g of micro) {
		for (let i = 0; i < grad.length; i++) grad[i] += Math.fround(g[i] * scale);
		after.push(Array.from(grad));
	}
	return after;
}

export const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

/** ‖a − b‖ / ‖b‖. */
export const relativeTo = (a: ArrayLike<number>, b: ArrayLike<number>) => norm(Array.from(a, (x, i) => x - b[i])) / norm(b);
