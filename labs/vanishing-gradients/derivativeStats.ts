/**
 * Figure 3's numbers for every layer, computed next to the model: the layer's pre-activation
 * histogram over the plotted z range, the share of values beyond that range, and the mean slope
 * f′(z) over the batch. The figure used to receive every raw pre-activation (depth × batch ×
 * width floats, megabytes in the results) to work these out itself on each redraw.
 */
import type { Bin } from '$lib/viz/histogram';
import { SCALAR_ACTIVATIONS } from './activations';
import type { Activation } from './model';
import { clampedHistogram } from './layerStats';
import { layerSlice } from './stack';

/** Bins of figure 3's histogram. */
export const DERIVATIVE_BINS = 60;

export interface LayerDerivative {
	/** Pre-activations binned over `derivativeRange(act)`; values beyond it land in the edge bins. */
	bins: Bin[];
	/** Share of the layer's pre-activations outside the plotted range (NaN counts as outside). */
	outside: number;
	/** Mean of f′(z) over the layer's pre-activations. */
	meanSlope: number;
}

/** The z range figure 3 plots: wider for the saturating activations. */
export function derivativeRange(act: Activation): [number, number] {
	return act === 'sigmoid' || act === 'tanh' ? [-8, 8] : [-4, 4];
}

/** Figure 3's statistics for each layer of `preacts` ([depth, perLayer] flattened). */
export function derivativeStats(preacts: Float32Array, depth: number, act: Activation): LayerDerivative[] {
	const range = derivativeRange(act);
	const df = SCALAR_ACTIVATIONS[act].df;
	const perLayer = preacts.length / depth;
	return Array.from({ length: depth }, (_, l) => {
		const values = layerSlice(preacts, l, perLayer);
		const [lo, hi] = range;
		let outside = 0;
		let slope = 0;
		// An index loop, not for…of: this runs over every pre-activation on each redraw.
		for (let i = 0; i < values.length; i++) {
			const v = values[i];
			if (!(v >= lo && v <= hi)) outside++;
			slope += df(v);
		}
		return { bins: clampedHistogram(values, range, DERIVATIVE_BINS).bins, outside: outside / values.length, meanSlope: slope / values.length };
	});
}
