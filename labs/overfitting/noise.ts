/**
 * Figure 6's label noise: a fraction ρ of the training labels replaced by labels drawn uniformly
 * from the K classes (so a quarter of them land on their own class again), from a stream of
 * their own; the images, the validation and the deploy sets never change. ρ = 0 is the plain data.
 */
import { createRng } from '$lib/random';
import { CLASSES, type Glyphs } from './glyphs';

export interface NoisyLabels {
	/** The labels the network trains on. */
	labels: Int32Array;
	/** 1 where the label was redrawn (whatever it landed on), 0 where it is the drawn class. */
	relabelled: Uint8Array;
}

/** round(ρ·n) training images, chosen by a seeded partial shuffle, get a uniform random label. */
export function noisyLabels(train: Glyphs, rho: number, seed: number): NoisyLabels {
	const n = train.count;
	const labels = Int32Array.from(train.labels);
	const relabelled = new Uint8Array(n);
	const count = Math.round(Math.min(1, Math.max(0, rho)) * n);
	if (count === 0) return { labels, relabelled };
	const rng = createRng((7919 * seed + 14) | 0);
	const order = Int32Array.from({ length: n }, (_, i) => i);
	for (let k = 0; k < count; k++) {
		const j = k + Math.floor(rng.uniform() * (n - k));
		[order[k], order[j]] = [order[j], order[k]];
		relabelled[order[k]] = 1;
		labels[order[k]] = Math.floor(rng.uniform() * CLASSES);
	}
	return { labels, relabelled };
}

/** The training accuracy a noise-free classifier scores against noisy labels (analytic): 1 − ρ(K − 1)/K. */
export const noiseCeiling = (rho: number, classes = CLASSES) => 1 - (rho * (classes - 1)) / classes;

/** One epoch of a noisy run: accuracy against the labels trained on, overall and by group, and validation (clean labels). */
export interface NoisePoint {
	epoch: number;
	trainLoss: number;
	/** On all training images, against their (possibly redrawn) labels. */
	trainAcc: number;
	/** On the images whose label was kept; NaN when there are none (ρ = 1). */
	cleanAcc: number;
	/** On the relabelled images, against their new labels; NaN when there are none (ρ = 0). */
	noisyAcc: number;
	valLoss: number;
	valAcc: number;
}

const argmax = (logProbs: ArrayLike<number>, row: number) => {
	let best = 0;
	for (let c = 1; c < CLASSES; c++) if (logProbs[row * CLASSES + c] > logProbs[row * CLASSES + best]) best = c;
	return best;
};

/** A probe reading (training rows first, then validation rows) scored against the noisy training labels and the clean validation labels. */
export function noisePoint(epoch: number, logProbs: ArrayLike<number>, noisy: NoisyLabels, valLabels: ArrayLike<number>): NoisePoint {
	const n = noisy.labels.length;
	let trainLoss = 0;
	const right = [0, 0];
	const count = [0, 0];
	for (let i = 0; i < n; i++) {
		const group = noisy.relabelled[i];
		count[group]++;
		if (argmax(logProbs, i) === noisy.labels[i]) right[group]++;
		trainLoss -= logProbs[i * CLASSES + noisy.labels[i]];
	}
	let valLoss = 0;
	let valRight = 0;
	for (let i = 0; i < valLabels.length; i++) {
		if (argmax(logProbs, n + i) === valLabels[i]) valRight++;
		valLoss -= logProbs[(n + i) * CLASSES + valLabels[i]];
	}
	return {
		epoch,
		trainLoss: trainLoss / n,
		trainAcc: (right[0] + right[1]) / n,
		cleanAcc: count[0] ? right[0] / count[0] : NaN,
		noisyAcc: count[1] ? right[1] / count[1] : NaN,
		valLoss: valLoss / valLabels.length,
		valAcc: valRight / valLabels.length
	};
}

/** The first epoch whose training accuracy (against the labels trained on) is 100%, or null. */
export const epochsToFit = (points: readonly { epoch: number; trainAcc: number }[]) => points.find(fitsAll)?.epoch ?? null;

/** A reading where the network fits every training label it was given (100% training accuracy). */
export function fitsAll(p: { trainAcc: number }): boolean {
	return p.trainAcc === 1;
}
