/**
 * What the feature graph is fed for one replicate: the N_MAX candidate training inputs followed
 * by the test grid as x, and the replicate's weights for the sweep's largest model. Shared by the
 * sweep worker and the model tests, so both run the graph on exactly the same tensors.
 */
import { drawFeatures, drawTraining, GRID_SIZE, N_MAX, testGrid, type FeatureFamily } from './data';
import { featureInputDims, FEATURE_INPUTS } from './model';
import { maxFeatures } from './sweep';

export interface Feed {
	data: Float32Array;
	dims: number[];
}

export function featureFeeds(family: FeatureFamily, seed: number, replicate: number, n: number): Record<string, Feed> {
	const rows = N_MAX + GRID_SIZE;
	const x = new Float32Array(rows);
	x.set(drawTraining(seed, replicate).x);
	x.set(testGrid(), N_MAX);
	const params = drawFeatures(family, seed, replicate, maxFeatures(n), n);
	const dims = featureInputDims(family, rows, params.count);
	const feeds: Record<string, Feed> = {
		[FEATURE_INPUTS.x]: { data: x, dims: dims.x },
		[FEATURE_INPUTS.w]: { data: params.w, dims: dims.w }
	};
	if (family === 'fourier') feeds[FEATURE_INPUTS.b] = { data: params.b, dims: dims.b };
	return feeds;
}
