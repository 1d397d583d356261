import { describe, expect, it } from 'vitest';
import { createRng } from '$lib/random';
import { DERIVATIVE_BINS, derivativeRange, derivativeStats } from './derivativeStats';

/** Pre-activations for `depth` layers of `perLayer` values, layer l drawn with std 1 + 2l. */
function stack(depth: number, perLayer: number, seed: number): Float32Array {
	const noise = createRng(seed).fillNormal(new Float32Array(depth * perLayer));
	for (let i = 0; i < noise.length; i++) noise[i] *= 1 + 2 * Math.floor(i / perLayer);
	return noise;
}

/** The reference: each value's bin found by walking the edges, off-range values counted by hand. */
function directCount(values: Float32Array, [lo, hi]: [number, number], bins: number): { counts: number[]; outside: number } {
	const counts = new Array<number>(bins).fill(0);
	let outside = 0;
	const width = (hi - lo) / bins;
	for (const v of values) {
		if (v < lo) {
			counts[0]++;
			outside++;
		} else if (v > hi) {
			counts[bins - 1]++;
			outside++;
		} else {
			let bin = 0;
			while (bin < bins - 1 && v >= lo + (bin + 1) * width) bin++;
			counts[bin]++;
		}
	}
	return { counts, outside };
}

describe("figure 3's per-layer statistics", () => {
	const depth = 3;
	const perLayer = 500;
	const preacts = stack(depth, perLayer, 7);

	it('bins every layer as a direct count does, edge bins taking the values off the chart', () => {
		for (const act of ['sigmoid', 'relu'] as const) {
			const stats = derivativeStats(preacts, depth, act);
			expect(stats).toHaveLength(depth);
			for (let l = 0; l < depth; l++) {
				const layer = preacts.subarray(l * perLayer, (l + 1) * perLayer);
				const ref = directCount(layer, derivativeRange(act), DERIVATIVE_BINS);
				expect(stats[l].bins.map((b) => b.count)).toEqual(ref.counts);
				expect(stats[l].outside).toBe(ref.outside / perLayer);
				expect(stats[l].bins[0].x0).toBe(derivativeRange(act)[0]);
				expect(stats[l].bins[DERIVATIVE_BINS - 1].x1).toBe(derivativeRange(act)[1]);
			}
			// The widest layer (std 5) has values beyond ±4 and ±8; the first (std 1) has few or none.
			expect(stats[2].outside).toBeGreaterThan(0);
		}
	});

	it('averages the slope f′(z) over each layer', () => {
		const sigmoid = derivativeStats(preacts, depth, 'sigmoid');
		const relu = derivativeStats(preacts, depth, 'relu');
		for (let l = 0; l < depth; l++) {
			const layer = Array.from(preacts.subarray(l * perLayer, (l + 1) * perLayer));
			// σ′(z) = e^{−z} / (1 + e^{−z})², and ReLU′ is the share of positive values.
			const sigmoidRef = layer.reduce((s, z) => s + Math.exp(-z) / (1 + Math.exp(-z)) ** 2, 0) / perLayer;
			expect(sigmoid[l].meanSlope).toBeCloseTo(sigmoidRef, 12);
			expect(relu[l].meanSlope).toBe(layer.filter((z) => z > 0).length / perLayer);
		}
		// Wider layers saturate the sigmoid more: the mean slope falls with depth here.
		expect(sigmoid[0].meanSlope).toBeGreaterThan(sigmoid[2].meanSlope);
	});
});
