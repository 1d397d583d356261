/**
 * Wraps "run the denoiser model on these feeds" (an ONNX session, in the browser or in Node) as
 * the sampler's `Denoise` callback: builds the embedding rows and, for the class-conditional
 * model, the one-hot classes. With guidance w > 0 it runs the conditional and unconditional
 * rows in one batch and mixes them: ε̂ = (1 + w) ε_θ(x, c) − w ε_θ(x).
 */
import type { Denoise } from './sampler';
import { EMBED_DIM, embedRows, scaleRows } from './timeEmbedding';

export type DenoiserFeeds = Record<string, { data: Float32Array; dims: readonly number[] }>;
export type RunDenoiser = (feeds: DenoiserFeeds) => Promise<Float32Array>;

export interface ConditionOptions {
	classes: number;
	/** Class per point ([count]). */
	labels: Int32Array;
	guidance: number;
}

export function makeDenoise(run: RunDenoiser, condition?: ConditionOptions): Denoise {
	if (!condition) {
		return (x, count, logSnr) =>
			run({
				x: { data: x, dims: [count, 2] },
				temb: { data: embedRows(logSnr, count), dims: [count, EMBED_DIM] },
				scale: { data: scaleRows(logSnr, count), dims: [count, 2] }
			});
	}
	const { classes, labels, guidance } = condition;
	return async (x, count, logSnr) => {
		const guided = guidance > 0;
		const rows = guided ? 2 * count : count;
		const xs = new Float32Array(rows * 2);
		xs.set(x);
		if (guided) xs.set(x, count * 2);
		const cls = new Float32Array(rows * classes);
		for (let i = 0; i < count; i++) cls[i * classes + labels[i]] = 1; // the second half stays unconditional
		const out = await run({
			x: { data: xs, dims: [rows, 2] },
			temb: { data: embedRows(logSnr, rows), dims: [rows, EMBED_DIM] },
			scale: { data: scaleRows(logSnr, rows), dims: [rows, 2] },
			cls: { data: cls, dims: [rows, classes] }
		});
		if (!guided) return out;
		const eps = new Float32Array(count * 2);
		for (let j = 0; j < count * 2; j++) eps[j] = (1 + guidance) * out[j] - guidance * out[count * 2 + j];
		return eps;
	};
}
