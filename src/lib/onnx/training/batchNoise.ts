/**
 * Seeded randomness drawn fresh for every minibatch, as plain data a worker can rebuild: dropout
 * masks fed to the graph as inputs (so WASM and WebGPU see the same masks and the graph needs
 * no random op or gradient rule of its own), and random integer shifts of square images
 * (augmentation). Each noise has its own stream, so adding one leaves the data order unchanged.
 */
import { createRng, type Rng } from '../../random';
import type { TensorData } from './batches';

export type BatchNoise =
	/** A [batch, width] input `name` of m/(1 − p), m ~ Bernoulli(1 − p): inverted dropout's mask. */
	| { kind: 'dropoutMask'; name: string; width: number; p: number; seed: number }
	/** Shifts each image of the float input `name` ([batch, side·side]) by whole pixels in [−max, max] on both axes; zeros fill in. */
	| { kind: 'shift'; name: string; side: number; max: number; seed: number };

/** m/(1 − p) for `count` units. */
export function dropoutMask(rng: Rng, count: number, p: number): Float32Array {
	const keep = 1 / (1 - p);
	const out = new Float32Array(count);
	for (let i = 0; i < count; i++) out[i] = rng.uniform() < p ? 0 : keep;
	return out;
}

/** One image (side × side, row-major) moved by (dx, dy) pixels. */
export function shiftImage(image: Float32Array, side: number, dx: number, dy: number): Float32Array {
	const out = new Float32Array(side * side);
	for (let r = 0; r < side; r++) {
		const from = r - dy;
		if (from < 0 || from >= side) continue;
		for (let c = 0; c < side; c++) {
			const fc = c - dx;
			if (fc >= 0 && fc < side) out[r * side + c] = image[from * side + fc];
		}
	}
	return out;
}

/** Applies each noise to a batch of `size` examples, drawing from its stream (`rngs`, one per noise). */
export function applyNoise(noise: readonly BatchNoise[], rngs: Rng[], batch: Record<string, TensorData>, size: number): Record<string, TensorData> {
	const out = { ...batch };
	noise.forEach((n, k) => {
		const rng = rngs[k];
		if (n.kind === 'dropoutMask') out[n.name] = { data: dropoutMask(rng, size * n.width, n.p), dims: [size, n.width] };
		else {
			const src = out[n.name];
			if (!src || !(src.data instanceof Float32Array)) throw new Error(`applyNoise: no float input ${n.name} to shift`);
			const pixels = n.side * n.side;
			const data = new Float32Array(src.data.length);
			const pick = () => Math.floor(rng.uniform() * (2 * n.max + 1)) - n.max;
			for (let i = 0; i < size; i++) {
				const dx = pick();
				const dy = pick();
				data.set(shiftImage(src.data.subarray(i * pixels, (i + 1) * pixels), n.side, dx, dy), i * pixels);
			}
			out[n.name] = { data, dims: src.dims };
		}
	});
	return out;
}

export const noiseStreams = (noise: readonly BatchNoise[]): Rng[] => noise.map((n) => createRng(n.seed));
