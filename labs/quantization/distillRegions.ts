/**
 * Figure 6's regions, the pure part: what a network's class probabilities over the grid and the
 * held-out points mean. Each grid cell is drawn in the colour of its most likely arm, paler where
 * the network is less sure; the held-out part gives the accuracy.
 */
import { CLASSES, DISTILL, heldOutPoints } from './distillConfig';

/** A network's picture after `step` updates. */
export interface Regions {
	step: number;
	/** Most likely arm per grid cell, row-major from the top-left. */
	arm: Uint8Array;
	/** Its probability per cell (1/3 … 1). */
	sure: Float32Array;
	/** Share of the held-out points whose most likely arm is theirs. */
	accuracy: number;
}

/** Index of the largest of row i's K values. */
function argmaxRow(values: ArrayLike<number>, i: number, K = CLASSES): number {
	let best = 0;
	for (let c = 1; c < K; c++) if (values[i * K + c] > values[i * K + best]) best = c;
	return best;
}

/** Share of rows (logits or probabilities, [n, 3]) whose largest value is at the label. */
export function argmaxAccuracy(values: ArrayLike<number>, labels: ArrayLike<number>): number {
	let right = 0;
	for (let i = 0; i < labels.length; i++) if (argmaxRow(values, i) === labels[i]) right++;
	return labels.length ? right / labels.length : NaN;
}

/** Softmax of each row of logits, at temperature T. */
export function softmaxRows(logits: ArrayLike<number>, T = 1, K = CLASSES): Float32Array {
	const out = new Float32Array(logits.length);
	for (let i = 0; i < logits.length / K; i++) {
		let max = -Infinity;
		for (let c = 0; c < K; c++) max = Math.max(max, logits[i * K + c] / T);
		let sum = 0;
		for (let c = 0; c < K; c++) sum += out[i * K + c] = Math.exp(logits[i * K + c] / T - max);
		for (let c = 0; c < K; c++) out[i * K + c] /= sum;
	}
	return out;
}

/** Splits probabilities for the grid then the held-out points ([cells + held, 3]) into regions and accuracy. */
export function readRegions(step: number, probabilities: Float32Array, heldOutLabels: ArrayLike<number>): Regions {
	const cells = DISTILL.grid.size ** 2;
	if (probabilities.length !== CLASSES * (cells + heldOutLabels.length))
		throw new Error(`readRegions: ${probabilities.length} values for ${cells} cells and ${heldOutLabels.length} points`);
	const arm = new Uint8Array(cells);
	const sure = new Float32Array(cells);
	for (let i = 0; i < cells; i++) {
		arm[i] = argmaxRow(probabilities, i);
		sure[i] = probabilities[i * CLASSES + arm[i]];
	}
	return { step, arm, sure, accuracy: argmaxAccuracy(probabilities.subarray(CLASSES * cells), heldOutLabels) };
}

/** The teacher as figure 6 draws it: its regions, and its logits per grid cell, [cells, 3] (the hover readout softens them at T). */
export interface TeacherView {
	regions: Regions;
	gridLogits: Float32Array;
}

/** Reads the teacher's logits on the probe rows (grid, then held-out points). */
export function readTeacher(logits: Float32Array): TeacherView {
	const cells = DISTILL.grid.size ** 2;
	return {
		regions: readRegions(DISTILL.teacher.steps, softmaxRows(logits), heldOutPoints().labels),
		gridLogits: logits.slice(0, cells * CLASSES)
	};
}
