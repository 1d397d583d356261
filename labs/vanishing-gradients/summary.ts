/**
 * From the model's raw outputs to what the figures draw: per-layer gradient norms, variances
 * and histograms. Pure: no DOM, no runtime.
 */
import { estimateBytes } from '$lib/cache/bytes';
import { Lru } from '$lib/cache/lru';
import type { Bin } from '$lib/viz/histogram';
import type { Outputs } from '$lib/onnx/runtime';
import type { StateOf } from '$lib/state/schema';
import type { VgSchema } from './lab';
import { derivativeStats, type LayerDerivative } from './derivativeStats';
import { initStd } from './init';
import { MLP_OUTPUTS } from './model';
import { clampedHistogram, variance } from './layerStats';
import { defineLazy } from './lazyFields';
import { layerSlice } from './stack';
import { theoreticalVariance, type VarianceOptions, type VariancePrediction } from './variance';

/** What the hero figure draws, and what every run reads out of the model. */
export interface VgHeroFields {
	depth: number;
	width: number;
	loss: number;
	/** ‖∂L/∂W_l‖_F for l = 1..depth. */
	gradNormW: number[];
	/** ‖∂L/∂h_l‖ (over the batch) for l = 1..depth. */
	gradNormH: number[];
	/** The mean-field prediction of Var(h_l) and Var(z_l) (analytic, see variance.ts). */
	theoryVariance: number[];
	theoryPreactVariance: number[];
	/** First layer (1-based) whose activations overflowed float32, or null. */
	overflowLayer: number | null;
}

/** What the figures below the hero draw: statistics of every layer's values, read out of the model only when wanted. */
export interface VgLayerFields {
	/** Measured Var(h_l) and Var(z_l) over batch and units. */
	layerVariance: number[];
	preactVariance: number[];
	/** Figure 3's histogram, share off the chart and mean f′(z), per layer (derivativeStats.ts). */
	derivative: LayerDerivative[];
	preactRows: Bin[][];
	actRows: Bin[][];
	preactDomain: [number, number];
	/** Share of exact zeros in each layer's activations (ReLU's off side), left out of actRows; null for other activations. */
	zeroShare: number[] | null;
	actDomain: [number, number];
}

export type VgComplete = VgHeroFields & VgLayerFields;
/** A run's results: complete, or the hero's fields alone (the layer statistics null: see controller.svelte.ts). */
export type VgResults = VgComplete | (VgHeroFields & { [K in keyof VgLayerFields]: null });

/** The outputs a run reads when it skips the layers' values (a megabyte at the default shape). */
export const HERO_OUTPUTS = [MLP_OUTPUTS.loss, MLP_OUTPUTS.gradNormW, MLP_OUTPUTS.gradNormH, MLP_OUTPUTS.nonFinite] as const;

const NO_LAYERS: { [K in keyof VgLayerFields]: null } = {
	layerVariance: null,
	preactVariance: null,
	derivative: null,
	preactRows: null,
	actRows: null,
	preactDomain: null,
	zeroShare: null,
	actDomain: null
};

const HIST_BINS = 40;

/** A shared x range for all layers' histograms: the 99.5th percentile of |x| across the stack. */
export function sharedDomain(stacked: Float32Array, nonNegative: boolean): [number, number] {
	// A strided sample of ~5000 values pins the percentile well and keeps this off the redraw budget.
	const step = Math.max(1, Math.floor(stacked.length / 5000));
	const sample = new Float32Array(Math.ceil(stacked.length / step));
	let count = 0;
	for (let i = 0; i < stacked.length; i += step) if (Number.isFinite(stacked[i])) sample[count++] = Math.abs(stacked[i]);
	const magnitudes = sample.subarray(0, count).sort();
	const m = magnitudes.length ? magnitudes[Math.floor(0.995 * (magnitudes.length - 1))] : 1;
	const half = m > 0 ? m : 1e-12;
	return nonNegative ? [0, half] : [-half, half];
}

export function activationRange(act: StateOf<VgSchema>['act']): [number, number] | null {
	if (act === 'sigmoid') return [0, 1];
	if (act === 'tanh') return [-1, 1];
	return null;
}

// The prediction depends on the shape and init only, not on the seed: compute it once per setting.
const predictions = new Lru<VariancePrediction>({ maxEntries: 64, maxBytes: 1024 * 1024, sizeOf: estimateBytes });
function predictedVariance(options: VarianceOptions): VariancePrediction {
	return predictions.memo(JSON.stringify(options), () => theoreticalVariance(options));
}

/** The results of one run; without the `preacts` and `acts` outputs (a run that fetched HERO_OUTPUTS), the hero's fields alone. */
export function summarizeRun(state: StateOf<VgSchema>, batch: number, outputs: Outputs): VgResults {
	const { depth, width } = state;
	const theory = predictedVariance({
		act: state.act,
		depth,
		width,
		weightStd: initStd(state.init, width, width, state.sigma),
		residual: state.residual,
		norm: state.norm
	});
	const overflow = Array.from(outputs[MLP_OUTPUTS.nonFinite].data).findIndex((flag) => flag !== 0);
	// Figure 1 (the hero) draws the gradient norms the model output; the rest is for the figures
	// below it, computed when first read (lazyFields.ts).
	const hero: VgHeroFields = {
		depth,
		width,
		loss: outputs[MLP_OUTPUTS.loss].data[0],
		gradNormW: Array.from(outputs[MLP_OUTPUTS.gradNormW].data),
		gradNormH: Array.from(outputs[MLP_OUTPUTS.gradNormH].data),
		theoryVariance: theory.hidden,
		theoryPreactVariance: theory.preact,
		overflowLayer: overflow === -1 ? null : overflow + 1
	};
	if (!outputs[MLP_OUTPUTS.acts] || !outputs[MLP_OUTPUTS.preacts]) return { ...hero, ...NO_LAYERS };
	const perLayer = batch * width;
	const preacts = outputs[MLP_OUTPUTS.preacts].data;
	const acts = outputs[MLP_OUTPUTS.acts].data;
	const layers = Array.from({ length: depth }, (_, l) => l);
	const dropZeros = state.act === 'relu' && !state.residual;
	let actDomain: [number, number] | undefined;
	const actDomainOnce = () =>
		(actDomain ??= !state.residual && activationRange(state.act) ? activationRange(state.act)! : sharedDomain(acts, !state.residual && state.act === 'relu'));
	let preactDomain: [number, number] | undefined;
	const preactDomainOnce = () => (preactDomain ??= sharedDomain(preacts, false));
	// ReLU outputs are exactly zero for about half the units; that spike would flatten the rest of
	// the histogram, so it is counted on its own.
	let actHistograms: { bins: Bin[]; zeros: number }[] | undefined;
	const actHistogramsOnce = () => (actHistograms ??= layers.map((l) => clampedHistogram(layerSlice(acts, l, perLayer), actDomainOnce(), HIST_BINS, dropZeros)));
	return defineLazy({ ...hero, ...NO_LAYERS } as unknown as VgComplete, {
		layerVariance: () => layers.map((l) => variance(layerSlice(acts, l, perLayer))),
		preactVariance: () => layers.map((l) => variance(layerSlice(preacts, l, perLayer))),
		derivative: () => derivativeStats(preacts, depth, state.act),
		preactRows: () => layers.map((l) => clampedHistogram(layerSlice(preacts, l, perLayer), preactDomainOnce(), HIST_BINS).bins),
		actRows: () => actHistogramsOnce().map((h) => h.bins),
		zeroShare: () => (dropZeros ? actHistogramsOnce().map((h) => h.zeros / perLayer) : null),
		preactDomain: preactDomainOnce,
		actDomain: actDomainOnce
	});
}
