/**
 * A light run (controller.svelte.ts) reads only the outputs the hero figure draws: its numbers are
 * the full run's for those fields, its layer statistics are null, and the overflow it reports
 * comes from the model's per-layer flag. Both runs go through the page's compute path, the ONNX
 * graph on WASM in Node.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { schema } from './lab';
import { computeVg, type VgState } from './compute';

const asked = (patch: Partial<VgState>): VgState => ({ ...defaults(schema), ...patch });

describe('a light run', () => {
	it.each([
		['the defaults', asked({})],
		['an exploding ReLU network', asked({ act: 'relu', init: 'custom', sigma: 3, depth: 50 })]
	])('%s: the hero’s numbers of a full run, and no layer statistics', async (_, state) => {
		const full = await computeVg(state, 'wasm');
		const light = await computeVg(state, 'wasm', { layers: false });
		for (const key of ['depth', 'width', 'loss', 'gradNormW', 'gradNormH', 'theoryVariance', 'theoryPreactVariance', 'overflowLayer'] as const)
			expect(light[key], key).toEqual(full[key]);
		for (const key of ['layerVariance', 'preactVariance', 'derivative', 'preactRows', 'actRows', 'preactDomain', 'zeroShare', 'actDomain'] as const)
			expect(light[key], key).toBeNull();
	});

	it('reports the first overflowing layer the full run’s activations show', async () => {
		const state = asked({ act: 'relu', init: 'custom', sigma: 3, depth: 50 });
		const light = await computeVg(state, 'wasm', { layers: false });
		const full = await computeVg(state, 'wasm');
		// Independently of the flag: the first layer whose variance is not finite.
		const firstBad = full.layerVariance.findIndex((v) => !Number.isFinite(v));
		expect(firstBad).toBeGreaterThan(0);
		expect(light.overflowLayer).toBe(firstBad + 1);
	});
});
