/**
 * The two-spirals toy dataset: two interleaved arms in the plane, one per class, the classic
 * test that a classifier needs depth (no straight line, and no single bend, separates them).
 * `arms` gives k interleaved arms and k classes (the distillation figure uses three).
 *
 * Arm c ∈ {0, …, k−1}, position t ∈ [0, 1) drawn uniformly:
 *   θ = 2π · turns · t + 2π·c/k,   r = 0.05 + 0.95·t,   point = r·(cos θ, sin θ) + N(0, noise²)
 * so the arms start near the centre and end on the unit circle, 1/k of a turn apart. Pure maths,
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
	/** Number of arms, one class each (default 2). */
	arms?: number;
}

export interface Spirals {
	/** [count, 2], row-major. */
	points: Float32Array;
	/** [count], the arm: 0 … arms − 1. */
	labels: Int32Array;
}

export function twoSpirals({ count, seed, turns = 1.5, noise = 0.02, arms = 2 }: SpiralsOptions): Spirals {
	const rng = createRng(seed);
	const points = new Float32Array(2 * count);
	const labels = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		const c = i % arms;
		const t = rng.uniform();
		const theta = 2 * Math.PI * turns * t + (2 * Math.PI * c) / arms;
		const r = 0.05 + 0.95 * t;
		points[2 * i] = r * Math.cos(theta) + noise * rng.normal();
		points[2 * i + 1] = r * Math.sin(theta) + noise * rng.normal();
		labels[i] = c;
	}
	return { points, labels };
}
