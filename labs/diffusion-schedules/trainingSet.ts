/**
 * Training rows for the denoiser, drawn once with a seed: for each row a data point x_0, a
 * schedule (linear, cosine or sigmoid at T = 1000, uniformly), a step t uniform in 1..T, noise
 * ε ~ N(0, I), and then x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε with the embedding of λ_t. Mixing the
 * three schedules teaches the one network every noise level any of them visits, weighted the
 * way those schedules weight them. The class-conditional set also holds the one-hot class,
 * zeroed with probability `dropLabel` (label dropout, for classifier-free guidance).
 */
import type { Dataset } from '$lib/onnx/training/batches';
import { createRng } from '$lib/random';
import type { Points2D } from './data';
import { makeSchedule, type Schedule, type ScheduleKind } from './schedules';
import { EMBED_DIM, embedLogSnr, scaleRows } from './timeEmbedding';

export interface TrainingSetOptions {
	rows: number;
	seed: number;
	schedules?: readonly ScheduleKind[];
	/** Ready-made schedules (e.g. the reader's custom one); used instead of `schedules`. */
	built?: readonly Schedule[];
	T?: number;
	/** One-hot classes (0 = unconditional set). */
	classes?: number;
	dropLabel?: number;
}

export function diffusionTrainingSet(data: Points2D, o: TrainingSetOptions): Dataset {
	const T = o.T ?? 1000;
	const schedules: readonly Schedule[] = o.built ?? (o.schedules ?? ['linear', 'cosine', 'sigmoid']).map((k) => makeSchedule(k, T));
	const rng = createRng(o.seed);
	const classes = o.classes ?? 0;
	const x = new Float32Array(o.rows * 2);
	const temb = new Float32Array(o.rows * EMBED_DIM);
	const eps = new Float32Array(o.rows * 2);
	const scale = new Float32Array(o.rows * 2);
	const cls = new Float32Array(o.rows * classes);
	for (let r = 0; r < o.rows; r++) {
		const i = Math.floor(rng.uniform() * data.count);
		const s = schedules[Math.floor(rng.uniform() * schedules.length)];
		const t = 1 + Math.floor(rng.uniform() * s.T);
		const a = Math.sqrt(s.alphaBar[t]);
		const b = Math.sqrt(1 - s.alphaBar[t]);
		for (let d = 0; d < 2; d++) {
			const e = rng.normal();
			eps[2 * r + d] = e;
			x[2 * r + d] = a * data.points[2 * i + d] + b * e;
		}
		embedLogSnr(s.logSnr[t], temb, r * EMBED_DIM);
		scaleRows(s.logSnr[t], 1, scale, 2 * r);
		if (classes > 0 && rng.uniform() >= (o.dropLabel ?? 0)) cls[r * classes + data.labels[i]] = 1;
	}
	const tensors: Dataset['tensors'] = {
		x: { data: x, dims: [o.rows, 2] },
		temb: { data: temb, dims: [o.rows, EMBED_DIM] },
		eps: { data: eps, dims: [o.rows, 2] },
		scale: { data: scale, dims: [o.rows, 2] }
	};
	if (classes > 0) tensors.cls = { data: cls, dims: [o.rows, classes] };
	return { tensors };
}
