/**
 * A float64 TypeScript copy of figure 5's training for the tests: plain SGD on the spiral MLP
 * (spiralReference.ts's hand-written gradient), the same seeded mini-batches (the platform's
 * sampler) and the same warmup, the loss on all points after every epoch. No graph, no ONNX.
 */
import { BatchSampler } from '$lib/onnx/training/batches';
import { initialParams } from '$lib/onnx/training/model';
import { rateAt, stepsPerEpoch, type BatchRunSpec } from './batchRuns';
import { flatParams, SPIRAL, spiralData, spiralMlp } from './spiralMlp';
import { spiralLossAndGrad } from './spiralReference';

/** Loss on all N points at epochs 0…epochs (NaN once it overflows). */
export function referenceSgd(spec: BatchRunSpec, seed: number, epochs: number): number[] {
	const n = SPIRAL.examples;
	const data = spiralData();
	const points = data.tensors.x.data as Float32Array;
	const labels = Array.from(data.tensors.label.data as BigInt64Array, Number);
	const theta = Float64Array.from(flatParams(initialParams(spiralMlp(n), SPIRAL.seed)));
	const sampler = new BatchSampler({ dataset: data, batchSize: spec.batch, seed });
	const losses = [spiralLossAndGrad(theta, points, labels).loss];
	let t = 0;
	for (let epoch = 1; epoch <= epochs; epoch++) {
		for (let k = 0; k < stepsPerEpoch(spec.batch, n); k++, t++) {
			const batch = sampler.next();
			const { grad } = spiralLossAndGrad(theta, batch.x.data as Float32Array, Array.from(batch.label.data as BigInt64Array, Number));
			const rate = Math.fround(rateAt(spec, t));
			for (let j = 0; j < theta.length; j++) theta[j] -= rate * grad[j];
		}
		losses.push(spiralLossAndGrad(theta, points, labels).loss);
	}
	return losses;
}
