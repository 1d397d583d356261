/**
 * The 2D data sets the lab diffuses and learns: two moons, a two-armed spiral and a labelled
 * mixture of eight Gaussians; and, for guidance, four overlapping labelled Gaussian classes. Each is scaled to roughly unit spread around the origin, the
 * scale N(0, I) lives at, so the forward process ends where it should. Every draw is seeded.
 */
import { normalCdf } from '$lib/normal';
import { createRng } from '$lib/random';
import { twoSpirals } from '$lib/datasets/spirals';

export const DATASETS = ['moons', 'spiral', 'mixture'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Classes of the labelled mixture that figure 5's class-conditional denoiser learns. */
export const MIXTURE_CLASSES = 4;
const CLASS_RADIUS = 1.1;
const CLASS_STD = 0.55;
const MIXTURE_BLOBS = 8;
const MIXTURE_RADIUS = 1.6;
const MIXTURE_STD = 0.16;

export interface Points2D {
	/** [count, 2] row-major. */
	points: Float32Array;
	/** [count] class index (the moon, arm, blob or class a point came from). */
	labels: Int32Array;
	count: number;
}

export function moons(count: number, seed: number, noise = 0.06): Points2D {
	const rng = createRng(seed);
	const points = new Float32Array(2 * count);
	const labels = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		const c = i % 2;
		const theta = Math.PI * rng.uniform();
		const x = c === 0 ? Math.cos(theta) : 1 - Math.cos(theta);
		const y = c === 0 ? Math.sin(theta) : 0.5 - Math.sin(theta);
		points[2 * i] = 1.25 * (x - 0.5 + noise * rng.normal());
		points[2 * i + 1] = 1.25 * (y - 0.25 + noise * rng.normal());
		labels[i] = c;
	}
	return { points, labels, count };
}

export function spiral(count: number, seed: number): Points2D {
	const { points, labels } = twoSpirals({ count, seed, turns: 1, noise: 0.05 });
	for (let i = 0; i < points.length; i++) points[i] *= 1.8;
	return { points, labels, count };
}

/** Eight blobs on a circle (labels: the blob index). */
export function mixture(count: number, seed: number): Points2D {
	const rng = createRng(seed);
	const points = new Float32Array(2 * count);
	const labels = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		const k = Math.floor(rng.uniform() * MIXTURE_BLOBS);
		const angle = (2 * Math.PI * (k + 0.5)) / MIXTURE_BLOBS;
		points[2 * i] = MIXTURE_RADIUS * Math.cos(angle) + MIXTURE_STD * rng.normal();
		points[2 * i + 1] = MIXTURE_RADIUS * Math.sin(angle) + MIXTURE_STD * rng.normal();
		labels[i] = k;
	}
	return { points, labels, count };
}

/** Centre of each class of the labelled mixture. */
export function classCentres(): { x: number; y: number }[] {
	return Array.from({ length: MIXTURE_CLASSES }, (_, c) => {
		const angle = (2 * Math.PI * (c + 0.5)) / MIXTURE_CLASSES;
		return { x: CLASS_RADIUS * Math.cos(angle), y: CLASS_RADIUS * Math.sin(angle) };
	});
}

/**
 * What the figure's score (guidanceScore) gives the labelled mixture itself, exactly: the centres
 * sit on the diagonals, R/√2 from each axis, and the axes are where the nearest centre changes, so
 * a point is nearest its own centre when both coordinates fall on its side: Φ(R/(√2σ))². A class's
 * root mean squared distance to its mean is σ√2.
 */
export const LABELLED_MIXTURE_SCORE = {
	accuracy: normalCdf(CLASS_RADIUS / (Math.SQRT2 * CLASS_STD)) ** 2,
	spread: Math.SQRT2 * CLASS_STD
} as const;

/**
 * Four broad, overlapping Gaussian classes around the origin (figure 5): where they overlap a
 * point could belong to several classes, which is what guidance has something to act on.
 */
export function labelledMixture(count: number, seed: number): Points2D {
	const rng = createRng(seed);
	const centres = classCentres();
	const points = new Float32Array(2 * count);
	const labels = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		const c = Math.floor(rng.uniform() * MIXTURE_CLASSES);
		points[2 * i] = centres[c].x + CLASS_STD * rng.normal();
		points[2 * i + 1] = centres[c].y + CLASS_STD * rng.normal();
		labels[i] = c;
	}
	return { points, labels, count };
}

export function dataset(name: DatasetName, count: number, seed: number): Points2D {
	if (name === 'moons') return moons(count, seed);
	if (name === 'spiral') return spiral(count, seed);
	return mixture(count, seed);
}
