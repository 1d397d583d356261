/**
 * Figure 2a: one logistic probe per pixel. Probe p reads only pixel p of an image and predicts
 * the class by a softmax over 4 logits a_pk · x_p + b_pk, fitted to the training images. All 144
 * probes train together in one graph (their losses add up, and no probe's gradient touches
 * another's weights); each one's accuracy on the training images fills a 12×12 map. A pixel
 * whose probe alone names the class almost always is a leak: no honest pixel can.
 */
import type { Backend } from '$lib/onnx/backend';
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';
import type { TrainableModel } from '$lib/onnx/training/model';
import { buildProbe } from '$lib/onnx/training/probeGraph';
import { fullBatchFit, runForward } from './fullBatchFit';
import { CLASSES, PIXELS, type Glyphs } from './glyphs';

/** The probes read at most this many training images (the first ones): enough, and cheap at n = 2048. */
export const PROBE_ROWS = 256;
export const PROBE_STEPS = 30;
export const PROBE_LR = 0.5;

/** −mean over rows and probes of log softmax(logits)[class]; `target` is one-hot [rows, CLASSES]. */
function perPixelCrossEntropy(g: GraphBuilder, logits: Tensor, target: Tensor): Tensor {
	const logProbs = g.logSoftmax(logits, -1);
	const picked = g.reduceSum(g.mul(logProbs, g.unsqueeze(target, [1])), [-1], false);
	return g.neg(g.reduceMean(picked, undefined, false));
}

export function pixelProbeModel(rows: number): TrainableModel {
	return {
		name: `pixel_probes_${rows}`,
		params: [
			{ name: 'a', shape: [PIXELS, CLASSES], init: { kind: 'normal', std: 0.1 }, decay: false },
			{ name: 'b', shape: [PIXELS, CLASSES], init: { kind: 'zeros' } }
		],
		inputs: [{ name: 'x', shape: [rows, PIXELS] }],
		targets: [{ name: 'target', shape: [rows, CLASSES] }],
		// [rows, 144, 1] · [144, 4] + [144, 4] → [rows, 144, 4]: each pixel its own 4 logits.
		predict: (g, p, { x }) => g.add(g.mul(g.unsqueeze(x, [2]), p.a), p.b),
		loss: (g, logits, { target }) => perPixelCrossEntropy(g, logits, target)
	};
}

/** The first `rows` images, each pixel standardized over them (a constant pixel becomes 0). */
export function standardize(set: Glyphs, rows: number): Float32Array {
	const x = set.images.slice(0, rows * PIXELS);
	for (let p = 0; p < PIXELS; p++) {
		let mean = 0;
		for (let i = 0; i < rows; i++) mean += x[i * PIXELS + p];
		mean /= rows;
		let variance = 0;
		for (let i = 0; i < rows; i++) variance += (x[i * PIXELS + p] - mean) ** 2;
		const std = Math.sqrt(variance / rows);
		for (let i = 0; i < rows; i++) x[i * PIXELS + p] = std > 1e-6 ? (x[i * PIXELS + p] - mean) / std : 0;
	}
	return x;
}

export function oneHot(labels: Int32Array, rows: number, classes: number): Float32Array {
	const out = new Float32Array(rows * classes);
	for (let i = 0; i < rows; i++) out[i * classes + labels[i]] = 1;
	return out;
}

/**
 * How many of the training images each pixel's probe classifies right, fitted to those same
 * images (PIXELS counts, row-major; divide by min(PROBE_ROWS, n) for the accuracy). Counts, not
 * fractions: the backends' float rounding may move an image at a probe's boundary, and a count
 * says that plainly.
 */
export async function pixelProbeRight(train: Glyphs, backend: Backend, seed: number): Promise<number[]> {
	const rows = Math.min(PROBE_ROWS, train.count);
	const model = pixelProbeModel(rows);
	const x = standardize(train, rows);
	const params = await fullBatchFit(model, backend, {
		key: `overfitting-pixel-probes-train-${rows}`,
		optimizer: { kind: 'adamw', lr: PROBE_LR, weightDecay: 0 },
		steps: PROBE_STEPS,
		seed,
		batch: { x, target: oneHot(train.labels, rows, CLASSES) }
	});
	const logits = await runForward(backend, `overfitting-pixel-probes-eval-${rows}`, () => buildProbe(model, rows), {
		x: { data: x, dims: [rows, PIXELS] },
		'param.a': { data: params.a, dims: [PIXELS, CLASSES] },
		'param.b': { data: params.b, dims: [PIXELS, CLASSES] }
	});
	return probeRight(logits, train.labels, rows);
}

/** From logits [rows, PIXELS, CLASSES] to each pixel's count of rows whose largest logit is the label. */
export function probeRight(logits: Float32Array, labels: Int32Array, rows: number): number[] {
	const right = new Array<number>(PIXELS).fill(0);
	for (let i = 0; i < rows; i++)
		for (let p = 0; p < PIXELS; p++) {
			const at = (i * PIXELS + p) * CLASSES;
			let best = 0;
			for (let c = 1; c < CLASSES; c++) if (logits[at + c] > logits[at + best]) best = c;
			if (best === labels[i]) right[p]++;
		}
	return right;
}
