/**
 * The two-spirals toy dataset: two interleaved arms in the plane, one per class, the classic
 * test that a classifier needs depth (no straight line, and no single bend, separates them).
 *
 * Arm c ∈ {0, 1}, position t ∈ [0, 1) drawn uniformly:
 *   θ = 2π · turns · t + π·c,   r = 0.05 + 0.95·t,   point = r·(cos θ, sin θ) + N(0, noise²)
 * so both arms start near the centre and end on the unit circle, half a turn apart. Pure maths,
 * every draw from the seeded generator.
 */
import { createRng } from '../random';

export interface SpiralsOptions {
	/** Number of points (split evenly between the classes, classes alternating). */
	count: number;
	seed: number;
	/** Turns of each arm (default 1.5). */
	turns?: number;
	/** Standard deviation of the Gaussian jitter (default 0.02). */
	noise?: number;
}

export interface Spirals {
	/** [count, 2], row-major. */
	points: Float32Array;
	/** [count], 0 or 1. */
	labels: Int32Array;
}

export function twoSpirals({ count, seed, turns = 1.5, noise = 0.02 }: SpiralsOptions): Spirals {
	const rng = createRng(seed);
	const points = new Float32Array(2 * count);
	const labels = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		const c = i % 2;
		const t = rng.uniform();
		const theta = 2 * Math.PI * turns * t + Math.PI * c;
		const r = 0.05 + 0.95 * t;
		points[2 * i] = r * Math.cos(theta) + noise * rng.normal();
		points[2 * i + 1] = r * Math.sin(theta) + noise * rng.normal();
		labels[i] = c;
	}
	return { points, labels };
}
