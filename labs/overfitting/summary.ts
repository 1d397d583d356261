/** From the untrained network's log-probabilities to what the page shows before any training. */
import { epochPoint } from './curves';
import type { DataChecks } from './dataChecks';
import type { Glyphs } from './glyphs';
import { PIXELS } from './glyphs';

/** The first images of each class in the training set, for figure 2's strip of examples. */
export const EXAMPLES_PER_CLASS = 4;

export interface OverfittingResults {
	n: number;
	nVal: number;
	width: number;
	parameters: number;
	/** Loss and accuracy of the initial weights on both sets (epoch 0 of a run). */
	initial: { trainLoss: number; trainAcc: number; valLoss: number; valAcc: number };
	/** Example training images: labels and their pixels (PIXELS each, rounded to 2 places). */
	examples: { label: number; pixels: number[] }[];
	/**
	 * Figure 2's data checks of these images. Null while they compute: they take longer than
	 * figure 1's forward pass, and the page does not wait for them (the controller fills them in).
	 */
	checks: DataChecks | null;
}

export function pickExamples(train: Glyphs, classes: number): OverfittingResults['examples'] {
	const out: OverfittingResults['examples'] = [];
	for (let c = 0; c < classes; c++) {
		let found = 0;
		for (let i = 0; i < train.count && found < EXAMPLES_PER_CLASS; i++)
			if (train.labels[i] === c) {
				found++;
				out.push({ label: c, pixels: Array.from(train.images.subarray(i * PIXELS, (i + 1) * PIXELS), (v) => Math.round(v * 100) / 100) });
			}
	}
	return out;
}

export function summarize(logProbs: Float32Array, train: Glyphs, val: Glyphs, width: number, parameters: number, classes: number): Omit<OverfittingResults, 'checks'> {
	const { trainLoss, trainAcc, valLoss, valAcc } = epochPoint(0, logProbs, train.labels, val.labels);
	return { n: train.count, nVal: val.count, width, parameters, initial: { trainLoss, trainAcc, valLoss, valAcc }, examples: pickExamples(train, classes) };
}
