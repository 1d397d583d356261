/**
 * Figure 2c: adversarial validation. A softmax classifier over the raw pixels is trained to tell
 * training images from validation images, on half of a sample of both, and scored on the other
 * half by its ROC AUC: 0.5 when the two sets come from one distribution, near 1 when they do
 * not. How far above 0.5 is noise? The same classifier trained on the same rows with the set
 * labels shuffled, PERMUTATIONS times, gives the AUCs of "no difference"; their central 95% is
 * the band. All the classifiers (the real one first) train together in one graph.
 */
import type { Backend } from '$lib/onnx/backend';
import { softmaxCrossEntropy } from '$lib/onnx/losses';
import type { TrainableModel } from '$lib/onnx/training/model';
import { buildProbe } from '$lib/onnx/training/probeGraph';
import { createRng } from '$lib/random';
import { fullBatchFit, runForward } from './fullBatchFit';
import { PERMUTATIONS, twiceU, type AdversarialResult } from './auc';
import { PIXELS, type Glyphs } from './glyphs';

/** Images taken from each set (at most: training may have fewer). */
export const SAMPLE = 192;
export const ADV_STEPS = 30;
export const ADV_LR = 0.1;
export const ADV_DECAY = 0.1;
const MODELS = PERMUTATIONS + 1;

export function adversarialModel(rows: number): TrainableModel {
	return {
		name: `adversarial_${rows}`,
		params: [
			{ name: 'w', shape: [PIXELS, MODELS * 2], init: { kind: 'normal', std: 0.01 } },
			{ name: 'b', shape: [MODELS, 2], init: { kind: 'zeros' } }
		],
		inputs: [{ name: 'x', shape: [rows, PIXELS] }],
		targets: [{ name: 'target', shape: [rows, MODELS, 2] }],
		// One matrix product serves every classifier: [rows, 144] · [144, models · 2] → [rows, models, 2].
		predict: (g, p, { x }) => g.add(g.reshape(g.matMul(x, p.w), [rows, MODELS, 2]), p.b),
		loss: (g, logits, { target }) => softmaxCrossEntropy(g, logits, target)
	};
}

export async function adversarialValidation(train: Glyphs, val: Glyphs, backend: Backend, seed: number): Promise<AdversarialResult> {
	const nTrain = Math.min(SAMPLE, train.count);
	const total = nTrain + SAMPLE;
	// Rows: the first images of each set (label 1 = validation), in a seeded order, cut in half.
	const rng = createRng((7919 * seed + 21) | 0);
	const order = Int32Array.from({ length: total }, (_, i) => i);
	for (let i = total - 1; i > 0; i--) {
		const j = Math.floor(rng.uniform() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	const isVal = Array.from(order, (r) => r >= nTrain);
	const pixelsOf = (r: number) => (r < nTrain ? train.images.subarray(r * PIXELS, (r + 1) * PIXELS) : val.images.subarray((r - nTrain) * PIXELS, (r - nTrain + 1) * PIXELS));
	const x = new Float32Array(total * PIXELS);
	order.forEach((r, i) => x.set(pixelsOf(r), i * PIXELS));
	const fitRows = total >> 1;
	const testRows = total - fitRows;
	standardizeBy(x, fitRows);
	// Each classifier's labels: the true ones for model 0, a fresh shuffle of them for the others.
	const labels: boolean[][] = [isVal];
	for (let m = 1; m < MODELS; m++) {
		// Shuffled within each half, so every classifier sees as many of each set as the real one.
		const shuffled = [...isVal];
		for (const [lo, hi] of [[0, fitRows], [fitRows, total]])
			for (let i = hi - 1; i > lo; i--) {
				const j = lo + Math.floor(rng.uniform() * (i - lo + 1));
				[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
			}
		labels.push(shuffled);
	}
	const target = new Float32Array(fitRows * MODELS * 2);
	for (let i = 0; i < fitRows; i++) for (let m = 0; m < MODELS; m++) target[(i * MODELS + m) * 2 + (labels[m][i] ? 1 : 0)] = 1;
	const model = adversarialModel(fitRows);
	const params = await fullBatchFit(model, backend, {
		key: `overfitting-adversarial-train-${fitRows}`,
		optimizer: { kind: 'adamw', lr: ADV_LR, weightDecay: ADV_DECAY },
		steps: ADV_STEPS,
		seed: seed + 5,
		batch: { x: x.subarray(0, fitRows * PIXELS), target }
	});
	const evalModel = adversarialModel(testRows);
	const logits = await runForward(backend, `overfitting-adversarial-eval-${testRows}`, () => buildProbe(evalModel, testRows), {
		x: { data: x.subarray(fitRows * PIXELS), dims: [testRows, PIXELS] },
		'param.w': { data: params.w, dims: [PIXELS, MODELS * 2] },
		'param.b': { data: params.b, dims: [MODELS, 2] }
	});
	const u2 = labels.map((l, m) => {
		const scores = Array.from({ length: testRows }, (_, i) => logits[(i * MODELS + m) * 2 + 1] - logits[(i * MODELS + m) * 2]);
		return twiceU(scores, l.slice(fitRows));
	});
	const pos = isVal.slice(fitRows).filter(Boolean).length;
	return { u2, pos, neg: testRows - pos, fitRows };
}

/** Standardizes each pixel of x by its mean and spread over the first `rows` rows (the fit half). */
function standardizeBy(x: Float32Array, rows: number): void {
	const total = x.length / PIXELS;
	for (let p = 0; p < PIXELS; p++) {
		let mean = 0;
		for (let i = 0; i < rows; i++) mean += x[i * PIXELS + p];
		mean /= rows;
		let variance = 0;
		for (let i = 0; i < rows; i++) variance += (x[i * PIXELS + p] - mean) ** 2;
		const std = Math.sqrt(variance / rows) || 1;
		for (let i = 0; i < total; i++) x[i * PIXELS + p] = (x[i * PIXELS + p] - mean) / std;
	}
}
