/**
 * Figure 2b: for each validation image, the distance to its nearest training image, by one ONNX
 * graph: ‖v − t‖² = ‖v‖² + ‖t‖² − 2 v·t for every pair (one matrix product), the minimum over the
 * training images, its square root. Two different images are never close: pixel noise alone puts
 * √(2 · 144) · σ between them. A spike near 0 is images that sit on both sides of the split.
 */
import type { Backend } from '$lib/onnx/backend';
import { GraphBuilder } from '$lib/onnx/graph';
import { runForward } from './fullBatchFit';
import { PIXELS, type Glyphs } from './glyphs';

export function nearestGraph(valRows: number, trainRows: number): Uint8Array {
	const g = new GraphBuilder(`nearest_${valRows}_${trainRows}`);
	const v = g.input('val', [valRows, PIXELS]);
	const t = g.input('train', [trainRows, PIXELS]);
	const vv = g.reduceSumSquare(v, [1], true); // [V, 1]
	const tt = g.transpose(g.reduceSumSquare(t, [1], true), [1, 0]); // [1, N]
	const cross = g.matMul(v, g.transpose(t, [1, 0])); // [V, N]
	const d2 = g.sub(g.add(vv, tt), g.mul(cross, 2));
	const nearest = g.neg(g.reduceMax(g.neg(d2), [1], false)); // [V]
	// Rounding can take a zero distance a little below 0.
	g.output(g.sqrt(g.relu(nearest)), 'nearest');
	return g.toBytes();
}

export async function nearestDistances(train: Glyphs, val: Glyphs, backend: Backend): Promise<Float32Array> {
	return runForward(backend, `overfitting-nearest-${val.count}-${train.count}`, () => nearestGraph(val.count, train.count), {
		val: { data: val.images, dims: [val.count, PIXELS] },
		train: { data: train.images, dims: [train.count, PIXELS] }
	});
}
