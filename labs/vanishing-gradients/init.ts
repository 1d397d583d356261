/**
 * Weight initialisation and the data batch for the lab's MLP, all drawn from the seeded RNG.
 *
 * Draw order for a seed (fixed, so layer l's weights do not depend on the depth chosen):
 *   x [batch, width], teacher t [width], w_out [width], then W_1, W_2, … [width, width].
 * - x ~ N(0, 1).
 * - y = x·t / sqrt(width) with t ~ N(0, 1): a fixed random linear teacher, so Var(y) ≈ 1.
 * - Biases are zero; W_out has Xavier std sqrt(2/(width + 1)) whatever the chosen init.
 * - W_l = std · (unit normal draws), std from `initStd`.
 * The unit-normal draws are cached per (seed, depth, width, batch): moving the init or σ
 * slider only rescales them. The scaled W_l of the latest scale are kept too, so a depth change
 * scales only the layers it adds.
 */
import { estimateBytes } from '$lib/cache/bytes';
import { Lru } from '$lib/cache/lru';
import { createRng } from '$lib/random';

export type Init = 'normal1' | 'small' | 'xavier' | 'he' | 'custom';

/** Standard deviation of a [nIn, nOut] weight matrix under `init` (`sigma` is used by 'custom'). */
export function initStd(init: Init, nIn: number, nOut: number, sigma: number): number {
	switch (init) {
		case 'normal1':
			return 1;
		case 'small':
			return 0.01;
		case 'xavier':
			return Math.sqrt(2 / (nIn + nOut));
		case 'he':
			return Math.sqrt(2 / nIn);
		case 'custom':
			return sigma;
	}
}

export interface SampleOptions {
	depth: number;
	width: number;
	batch: number;
	seed: number;
	init: Init;
	sigma: number;
}

export interface MlpSample {
	x: Float32Array;
	y: Float32Array;
	/** w1, b1, …, w{depth}, b{depth}, w_out: the parameters, in `mlpInputNames` order. */
	weights: Float32Array[];
	/** Every graph input (x, y, then the weights), aligned with `mlpInputNames(depth)`. */
	tensors: Float32Array[];
	dims: number[][];
}

interface UnitDraws {
	x: Float32Array;
	y: Float32Array;
	wOut: Float32Array;
	bias: Float32Array;
	/** Unit-normal W_l draws, one per layer. */
	w: Float32Array[];
}

// Only the latest shapes are kept: at width 512, depth 50 the draws weigh ~50 MB, so the byte
// budget keeps two of those, or more of the smaller ones.
const cache = new Lru<UnitDraws>({ maxEntries: 2, maxBytes: 128 * 1024 * 1024, sizeOf: estimateBytes });

function drawUnit({ depth, width, batch, seed }: SampleOptions): UnitDraws {
	const rng = createRng(seed);
	const x = rng.fillNormal(new Float32Array(batch * width));
	const teacher = rng.fillNormal(new Float64Array(width));
	const wOut = rng.fillNormal(new Float32Array(width), Math.sqrt(2 / (width + 1)));
	const w = Array.from({ length: depth }, () => rng.fillNormal(new Float32Array(width * width)));
	const y = new Float32Array(batch);
	for (let n = 0; n < batch; n++) {
		let s = 0;
		for (let i = 0; i < width; i++) s += x[n * width + i] * teacher[i];
		y[n] = s / Math.sqrt(width);
	}
	return { x, y, wOut, bias: new Float32Array(width), w };
}

function unitDraws(options: SampleOptions): UnitDraws {
	const key = `${options.seed}|${options.depth}|${options.width}|${options.batch}`;
	return cache.memo(key, () => drawUnit(options));
}

/**
 * The scaled W_l for one (seed, width, batch, std), by layer: layer l's draws do not depend on the
 * depth, so these serve every depth. Only the latest scale is kept (at most 50 layers).
 */
let scaled: { key: string; layers: Float32Array[] } = { key: '', layers: [] };

function scaledLayer(draws: UnitDraws, key: string, l: number, std: number): Float32Array {
	if (scaled.key !== key) scaled = { key, layers: [] };
	const unit = draws.w[l];
	let layer = scaled.layers[l];
	if (!layer) {
		layer = new Float32Array(unit.length);
		for (let i = 0; i < unit.length; i++) layer[i] = std * unit[i];
		scaled.layers[l] = layer;
	}
	return layer;
}

/**
 * The batch and weights for one lab state. Every array may be shared with other calls (x, y,
 * w_out, the zero biases, the scaled W_l): treat them as read-only.
 */
export function sampleMlpWeights(options: SampleOptions): MlpSample {
	const { depth, width, batch } = options;
	const draws = unitDraws(options);
	const std = initStd(options.init, width, width, options.sigma);
	const weights: Float32Array[] = [];
	const dims: number[][] = [
		[batch, width],
		[batch, 1]
	];
	const key = `${options.seed}|${width}|${batch}|${std}`;
	for (let l = 0; l < depth; l++) {
		weights.push(scaledLayer(draws, key, l, std), draws.bias);
		dims.push([width, width], [width]);
	}
	weights.push(draws.wOut);
	dims.push([width, 1]);
	// Same order as mlpInputNames(depth) in model.ts (not imported: it would pull in the builder).
	return { x: draws.x, y: draws.y, weights, tensors: [draws.x, draws.y, ...weights], dims };
}
