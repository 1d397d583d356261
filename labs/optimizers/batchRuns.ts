/**
 * Figure 5, right, as plain data (the figure draws its legend before the training code loads):
 * plain SGD on the spiral MLP from the seeded start at several batch sizes, each for the same
 * number of examples seen. With `scale` on, the rate is η₀ × B/32 (Goyal et al. 2017's linear
 * scaling), reached by their gradual warmup: from η₀ up to η₀ × B/32 linearly over the first
 * `warmupEpochs` epochs. Off, every batch size trains at η₀.
 */

export const BATCH_RUNS = { epochs: 20, baseRate: 0.1, reference: 32, warmupEpochs: 2, sizes: [16, 32, 128, 512] } as const;

/** The batch sizes trained: the fixed few, and the reader's B among them. */
export const runSizes = (batch: number): number[] => [...new Set<number>([...BATCH_RUNS.sizes, batch])].sort((a, b) => a - b);

export interface BatchRunSpec {
	batch: number;
	/** The rate after warmup. */
	rate: number;
	/** Steps of linear warmup from η₀ to `rate` (0: none). */
	warmup: number;
	/** η₀, where the warmup starts. */
	base: number;
}

export const stepsPerEpoch = (batch: number, examples: number) => Math.floor(examples / batch);

export function runSpec(batch: number, scale: boolean, examples: number, base: number = BATCH_RUNS.baseRate): BatchRunSpec {
	const rate = scale ? (base * batch) / BATCH_RUNS.reference : base;
	return { batch, rate, base, warmup: rate > base ? BATCH_RUNS.warmupEpochs * stepsPerEpoch(batch, examples) : 0 };
}

/** The rate at step t (0-based) of a run: η₀ rising linearly to the target over the warmup. */
export function rateAt(spec: BatchRunSpec, t: number): number {
	if (spec.warmup === 0 || t >= spec.warmup) return spec.rate;
	const base = spec.base;
	return base + ((spec.rate - base) * t) / spec.warmup;
}

export interface BatchPoint {
	/** Examples seen so far (epochs × N). */
	seen: number;
	/** Mean cross-entropy on all N training points. */
	loss: number;
}

export interface BatchRunResult {
	batch: number;
	rate: number;
	status: 'done' | 'diverged';
	points: BatchPoint[];
}
