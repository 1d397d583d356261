/**
 * The weights a state gets: W_l = std · (unit normal draws), in the documented draw order (x,
 * teacher, w_out, then W_1, W_2, …), whatever depth was asked for before, and whatever scale the
 * previous call had (sampleMlpWeights keeps the latest scale's W_l for the next depth).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '$lib/random';
import { initStd, sampleMlpWeights, type Init } from './init';

const width = 8;
const batch = 5;
const seed = 3;

/** W_1 … W_depth drawn afresh from the seed, scaled by `std` in float32. */
function expectedWeights(depth: number, std: number): Float32Array[] {
	const rng = createRng(seed);
	rng.fillNormal(new Float32Array(batch * width));
	rng.fillNormal(new Float64Array(width));
	rng.fillNormal(new Float32Array(width), Math.sqrt(2 / (width + 1)));
	return Array.from({ length: depth }, () => rng.fillNormal(new Float32Array(width * width)).map((u) => std * u));
}

describe('sampleMlpWeights', () => {
	it.each<[number, Init]>([
		[2, 'xavier'],
		[3, 'xavier'],
		[3, 'he'],
		[2, 'he'],
		[4, 'xavier']
	])('depth %i, %s (asked in this order): W_l = std · its own unit draws', (depth, init) => {
		const sample = sampleMlpWeights({ depth, width, batch, seed, init, sigma: 1 });
		const expected = expectedWeights(depth, initStd(init, width, width, 1));
		for (let l = 0; l < depth; l++) expect(sample.weights[2 * l], `W_${l + 1}`).toEqual(expected[l]);
	});
});
