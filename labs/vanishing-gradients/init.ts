/**
 * Weight initialisation and the data batch for the lab's MLP, all drawn from the seeded RNG.
 *
 * Draw order for a seed (fixed, so layer l's weights do not depend on the depth chosen):
 *   x [batch, width], teacher t [width], w_out [width], then W_1, W_2, … [width, width].
 * - x ~ N(0, 1).
 * - y = x·t / sqrt(width) with t ~ N(0, 1): a fixed random linear teacher, so Var(y) ≈ 1.
 * - Biases are zero; W_out has Xavier std sqrt(2/(width + 1)) whatever the chosen init.
 * - W_l = std · (unit normal draws), std from `initStd`.
 * The unit-normal draws are cached per (seed, width, batch), and a deeper net only draws the
 * layers it adds; the last init's scaled layers are kept too. Dragging the depth then draws and
 * scales only new layers (the bench's depth change 20 ↔ 21 scaled all of them every time: 1.5 ms
 * of its 16 ms redraw), and moving the init or σ slider only rescales.
 */
import { estimateBytes } from '$lib/cache/bytes';
import { Lru } from '$lib/cache/lru';
import { createRng, type Rng } from '$lib/random';

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
	/** Unit-normal W_l draws so far, W_1 first; `rng` continues where the last one ended. */
	w: Float32Array[];
	rng: Rng;
	/** The last init's weights: its std and its scaled W_l so far (W_1 first). */
	scaled: { std: number; w: Float32Array[] };
}

// Only the latest shapes are kept: at width 256, depth 50 the draws and their scaled copies weigh
// ~26 MB, so the byte budget keeps a few of those, or more of the smaller ones.
const cache = new Lru<UnitDraws>({ maxEntries: 2, maxBytes: 128 * 1024 * 1024, sizeOf: estimateBytes });

function drawBatch(seed: number, width: number, batch: number): UnitDraws {
	const rng = createRng(seed);
	const x = rng.fillNormal(new Float32Array(batch * width));
	const teacher = rng.fillNormal(new Float64Array(width));
	const wOut = rng.fillNormal(new Float32Array(width), Math.sqrt(2 / (width + 1)));
	const y = new Float32Array(batch);
	for (let n = 0; n < batch; n++) {
		let s = 0;
		for (let i = 0; i < width; i++) s += x[n * width + i] * teacher[i];
		y[n] = s / Math.sqrt(width);
	}
	return { x, y, wOut, bias: new Float32Array(width), w: [], rng, scaled: { std: NaN, w: [] } };
}

/** The draws for a seed and shape, with at least `depth` unit W_l and scaled ones for `std`. */
function drawsFor({ depth, width, batch, seed }: SampleOptions, std: number): UnitDraws {
	const key = `${seed}|${width}|${batch}`;
	const draws = cache.memo(key, () => drawBatch(seed, width, batch));
	const grown = draws.w.length < depth || draws.scaled.w.length < depth || draws.scaled.std !== std;
	while (draws.w.length < depth) draws.w.push(draws.rng.fillNormal(new Float32Array(width * width)));
	if (draws.scaled.std !== std) draws.scaled = { std, w: [] };
	while (draws.scaled.w.length < depth) {
		const unit = draws.w[draws.scaled.w.length];
		const scaled = new Float32Array(unit.length);
		for (let i = 0; i < unit.length; i++) scaled[i] = std * unit[i];
		draws.scaled.w.push(scaled);
	}
	if (grown) cache.resize(key, estimateBytes(draws));
	return draws;
}

/** Forgets every cached draw: for a test that needs the first draw of a seed. */
export function forgetDraws(): void {
	cache.clear();
}

/**
 * The batch and weights for one lab state. x, y, w_out and the (zero) biases are shared cached
 * arrays: treat every returned array as read-only.
 */
export function sampleMlpWeights(options: SampleOptions): MlpSample {
	const { depth, width, batch } = options;
	const std = initStd(options.init, width, width, options.sigma);
	const draws = drawsFor(options, std);
	const weights: Float32Array[] = [];
	const dims: number[][] = [
		[batch, width],
		[batch, 1]
	];
	for (let l = 0; l < depth; l++) {
		weights.push(draws.scaled.w[l], draws.bias);
		dims.push([width, width], [width]);
	}
	weights.push(draws.wOut);
	dims.push([width, 1]);
	// Same order as mlpInputNames(depth) in model.ts (not imported: it would pull in the builder).
	return { x: draws.x, y: draws.y, weights, tensors: [draws.x, draws.y, ...weights], dims };
}
