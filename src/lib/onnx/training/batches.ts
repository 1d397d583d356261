/**
 * Batches for a training run: a dataset (tensors sharing a leading example axis) and a seeded
 * plan for cutting it into fixed-size minibatches. The plan is plain data, so a worker can
 * rebuild the same sampler and draw the same batches as the main thread or Node would.
 *
 * Each epoch visits the examples in a fresh seeded permutation; the last partial batch of an
 * epoch is dropped because the training graph has a fixed batch size. When the batch is the
 * whole dataset, the dataset's own arrays are returned every step (nothing is copied).
 */
import { createRng, type Rng } from '../../random';
import { applyNoise, noiseStreams, type BatchNoise } from './batchNoise';

export type TensorData = { data: Float32Array | BigInt64Array; dims: readonly number[] };

export interface Dataset {
	/** By batch slot name (as in the model's BatchSpec); dims[0] is the example count. */
	tensors: Record<string, TensorData>;
}

export interface BatchPlan {
	dataset: Dataset;
	batchSize: number;
	seed: number;
	/** Fresh seeded randomness per batch (dropout masks, shifted images); none when absent. */
	noise?: BatchNoise[];
}

export function datasetSize(dataset: Dataset): number {
	const sizes = Object.values(dataset.tensors).map((t) => t.dims[0]);
	if (sizes.length === 0 || sizes.some((n) => n !== sizes[0])) throw new Error(`Dataset: tensors disagree on the example count (${sizes.join(', ')})`);
	return sizes[0];
}

/** Fisher–Yates shuffle of 0..n−1. */
function permutation(n: number, rng: Rng): Uint32Array {
	const order = Uint32Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(rng.uniform() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}

function gatherRows(t: TensorData, rows: Uint32Array): TensorData {
	const width = t.data.length / t.dims[0];
	const out = t.data instanceof Float32Array ? new Float32Array(rows.length * width) : new BigInt64Array(rows.length * width);
	rows.forEach((r, i) => out.set(t.data.subarray(r * width, (r + 1) * width) as never, i * width));
	return { data: out, dims: [rows.length, ...t.dims.slice(1)] };
}

export class BatchSampler {
	readonly size: number;
	#rng: Rng;
	#order: Uint32Array = new Uint32Array(0);
	#cursor = 0;
	#noise: Rng[];

	constructor(private readonly plan: BatchPlan) {
		this.size = datasetSize(plan.dataset);
		if (!(plan.batchSize >= 1 && plan.batchSize <= this.size))
			throw new Error(`BatchSampler: batch size ${plan.batchSize} for ${this.size} examples`);
		this.#rng = createRng(plan.seed);
		this.#noise = noiseStreams(plan.noise ?? []);
	}

	next(): Record<string, TensorData> {
		const batch = this.#rows();
		return this.plan.noise?.length ? applyNoise(this.plan.noise, this.#noise, batch, this.plan.batchSize) : batch;
	}

	#rows(): Record<string, TensorData> {
		const { dataset, batchSize } = this.plan;
		if (batchSize === this.size) return dataset.tensors;
		if (this.#cursor + batchSize > this.#order.length) {
			this.#order = permutation(this.size, this.#rng);
			this.#cursor = 0;
		}
		const rows = this.#order.subarray(this.#cursor, this.#cursor + batchSize);
		this.#cursor += batchSize;
		return Object.fromEntries(Object.entries(dataset.tensors).map(([name, t]) => [name, gatherRows(t, rows)]));
	}
}
