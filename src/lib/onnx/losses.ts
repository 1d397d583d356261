/**
 * Loss functions as graph nodes, each returning a float32 scalar ready for `gradients`.
 *
 * - `meanSquaredError`: mean over every element of (prediction − target)².
 * - `softmaxCrossEntropy`: from logits through LogSoftmax (ORT subtracts the row maximum, so
 *   large logits do not overflow), against class indices (int64) or target probabilities
 *   (float32, e.g. one-hot), averaged over every row.
 */
import type { GraphBuilder, Tensor } from './graph';
import { formatShape, sameShape } from './shape';

export function meanSquaredError(g: GraphBuilder, prediction: Tensor, target: Tensor): Tensor {
	const err = g.sub(prediction, target);
	return g.reduceMean(g.mul(err, err), undefined, false);
}

/** One-hot float32 rows for int64 class indices: [...] → [..., classes]. */
export function oneHot(g: GraphBuilder, labels: Tensor, classes: number): Tensor {
	const range = g.int64Constant(
		Array.from({ length: classes }, (_, i) => i),
		[classes]
	);
	return g.cast(g.equal(g.unsqueeze(labels, [-1]), range), 'float32');
}

/**
 * Mean over rows of −Σ_c target_c · log softmax(logits)_c, classes on the last axis.
 * `targets` are class indices (int64, logits' shape without the last axis) or probabilities
 * (float32, logits' shape).
 */
export function softmaxCrossEntropy(g: GraphBuilder, logits: Tensor, targets: Tensor): Tensor {
	const classes = logits.shape[logits.shape.length - 1];
	let probabilities = targets;
	if (targets.dtype === 'int64') {
		if (typeof classes !== 'number') throw new Error('softmaxCrossEntropy: the class axis must have a numeric size');
		probabilities = oneHot(g, targets, classes);
	}
	if (!sameShape(probabilities.shape, logits.shape))
		throw new Error(`softmaxCrossEntropy: targets ${formatShape(targets.shape)} do not fit logits ${formatShape(logits.shape)}`);
	const logProbs = g.logSoftmax(logits, -1);
	const perRow = g.reduceSum(g.mul(probabilities, logProbs), [-1], false);
	return g.neg(g.reduceMean(perRow, undefined, false));
}
