/**
 * The lab's built-in activations, made procedurally from the seed (every draw through
 * `$lib/random`). They are built to make each normalization's behaviour visible:
 *
 * - every channel (feature) has its own offset and scale, spread over an order of magnitude, so
 *   "before" histograms sit in different places with different widths;
 * - each sample (sequence) has its own brightness (offset) and a smooth pattern over positions,
 *   so per-sample statistics differ from batch statistics;
 * - sample 2 of the shown batch is an outlier (brighter, higher contrast): BatchNorm lets it move
 *   everybody's statistics, per-sample methods keep it to itself;
 * - sequences have random lengths (the first is full) and are zero-padded to T.
 *
 * A sample depends only on (seed, its index): the batch of 8 is the first 8 of the batch of 32.
 */
import { createRng, type Rng } from '$lib/random';
import type { Layout, Shape3 } from './axes';

/** Index of the outlier in the shown batch (0-based: the reader's "sample 2"). */
export const OUTLIER = 1;

/** Distinct random streams, so changing one thing (say, lengths) does not reshuffle another. */
const STREAM = { channels: 1, sample: 2, lengths: 3, draws: 4 } as const;

/** A generator for one (seed, stream, index): nearby seeds give unrelated streams. */
export function streamRng(seed: number, stream: number, index = 0): Rng {
	return createRng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

/** Per-channel offset μ_c, scale σ_c and how strongly channel c follows the spatial pattern. */
export interface ChannelStyle {
	offset: Float64Array;
	scale: Float64Array;
	response: Float64Array;
}

export function channelStyle(seed: number, channels: number): ChannelStyle {
	const rng = streamRng(seed, STREAM.channels);
	const offset = new Float64Array(channels);
	const scale = new Float64Array(channels);
	const response = new Float64Array(channels);
	for (let c = 0; c < channels; c++) {
		offset[c] = 5 * (rng.uniform() - 0.5);
		// Log-uniform between 0.3 and 3: a tenfold spread of channel widths.
		scale[c] = 0.3 * Math.exp(Math.log(10) * rng.uniform());
		response[c] = rng.normal();
	}
	return { offset, scale, response };
}

/**
 * One image sample, channel-first [C, S]: x = μ_c + σ_c·(brightness + r_c·pattern(s) + noise).
 * `outlier` adds 4 to the brightness and triples the contrast.
 */
export function imageSample(seed: number, index: number, style: ChannelStyle, spatial: number, outlier = false): Float32Array {
	const channels = style.offset.length;
	const rng = streamRng(seed, STREAM.sample, index);
	const brightness = 0.6 * rng.normal() + (outlier ? 4 : 0);
	const contrast = outlier ? 3 : 1;
	const frequency = 1 + Math.floor(2 * rng.uniform());
	const phase = 2 * Math.PI * rng.uniform();
	const out = new Float32Array(channels * spatial);
	for (let c = 0; c < channels; c++) {
		for (let s = 0; s < spatial; s++) {
			const pattern = Math.cos((2 * Math.PI * frequency * s) / spatial + phase);
			const v = brightness + contrast * (0.9 * style.response[c] * pattern + 0.5 * rng.normal());
			out[c * spatial + s] = style.offset[c] + style.scale[c] * v;
		}
	}
	return out;
}

/**
 * One full-length sequence, token-major [T, D]: x = μ_d + σ_d·(offset_b + r_t·z_{t,d}), each token
 * a random direction z with its own size r_t. `outlier` as for images.
 */
export function sequenceSample(seed: number, index: number, style: ChannelStyle, tokens: number, outlier = false): Float32Array {
	const features = style.offset.length;
	const rng = streamRng(seed, STREAM.sample, index);
	const offset = 0.6 * rng.normal() + (outlier ? 4 : 0);
	const out = new Float32Array(tokens * features);
	for (let t = 0; t < tokens; t++) {
		const size = Math.exp(0.3 * rng.normal()) * (outlier ? 3 : 1);
		for (let d = 0; d < features; d++) out[t * features + d] = style.offset[d] + style.scale[d] * (offset + size * rng.normal());
	}
	return out;
}

/** Valid lengths of the shown sequences: the first is full, the others 35–100 % of T (≥ 1). */
export function sequenceLengths(seed: number, batch: number, tokens: number): number[] {
	const rng = streamRng(seed, STREAM.lengths);
	return Array.from({ length: batch }, (_, b) => (b === 0 ? tokens : Math.max(1, Math.round((0.35 + 0.65 * rng.uniform()) * tokens))));
}

/** The batch a figure shows, in stored order, with its padding mask for sequences. */
export interface ShownBatch {
	layout: Layout;
	shape: Shape3;
	data: Float32Array;
	/** Sequences only: valid length of each, and a [B, T] mask (1 = token, 0 = padding). */
	lengths: number[] | null;
	mask: Float32Array | null;
}

export function imageBatch(seed: number, batch: number, channels: number, spatial: number): ShownBatch {
	const style = channelStyle(seed, channels);
	const data = new Float32Array(batch * channels * spatial);
	for (let n = 0; n < batch; n++) data.set(imageSample(seed, n, style, spatial, n === OUTLIER), n * channels * spatial);
	return { layout: 'image', shape: [batch, channels, spatial], data, lengths: null, mask: null };
}

export function sequenceBatch(seed: number, batch: number, tokens: number, features: number): ShownBatch {
	const style = channelStyle(seed, features);
	const lengths = sequenceLengths(seed, batch, tokens);
	const data = new Float32Array(batch * tokens * features);
	const mask = new Float32Array(batch * tokens);
	for (let b = 0; b < batch; b++) {
		const full = sequenceSample(seed, b, style, tokens, b === OUTLIER);
		// Padding is zeros after the valid length, as a data loader would write it.
		data.set(full.subarray(0, lengths[b] * features), b * tokens * features);
		mask.fill(1, b * tokens, b * tokens + lengths[b]);
	}
	return { layout: 'sequence', shape: [batch, tokens, features], data, lengths, mask };
}

/** The valid tokens of a padded batch, packed one after another: [V, D]. */
export function packTokens(batch: ShownBatch): { data: Float32Array; count: number } {
	const [b, t, d] = batch.shape;
	if (!batch.lengths) throw new Error('packTokens: not a sequence batch');
	const count = batch.lengths.reduce((s, l) => s + l, 0);
	const data = new Float32Array(count * d);
	let at = 0;
	for (let i = 0; i < b; i++) {
		const valid = batch.lengths[i] * d;
		data.set(batch.data.subarray(i * t * d, i * t * d + valid), at);
		at += valid;
	}
	return { data, count };
}

/**
 * The population the batch-size figure draws from: `size` samples, channel-first [P, C, S]
 * (sequences transposed to [D, T], full length), with no outlier.
 */
export function samplePool(seed: number, layout: Layout, size: number, channels: number, spatial: number): Float32Array {
	const style = channelStyle(seed, channels);
	const per = channels * spatial;
	const pool = new Float32Array(size * per);
	for (let p = 0; p < size; p++) {
		// Pool samples live far from the shown batch's indices so the two never coincide.
		const index = 100_000 + p;
		if (layout === 'image') pool.set(imageSample(seed, index, style, spatial), p * per);
		else {
			const tokenMajor = sequenceSample(seed, index, style, spatial);
			for (let t = 0; t < spatial; t++) for (let c = 0; c < channels; c++) pool[p * per + c * spatial + t] = tokenMajor[t * channels + c];
		}
	}
	return pool;
}

/** The random stream for drawing the batch-size figure's rows from the pool. */
export const drawRng = (seed: number): Rng => streamRng(seed, STREAM.draws);
