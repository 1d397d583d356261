/**
 * The reverse process, in TypeScript around a denoiser called once per step (the denoiser is a
 * callback: the shipped ONNX model in the lab and tests, anything in unit tests).
 *
 * DDPM (Ho et al. 2020), every step t = T..1, written through the predicted clean point:
 *   x̂_0 = (x_t − √(1−ᾱ_t) ε̂) / √ᾱ_t, clipped to ±CLIP (the "clip denoised" of the paper's code)
 *   x_{t−1} = (√ᾱ_{t−1} β_t / (1−ᾱ_t)) x̂_0 + (√α_t (1−ᾱ_{t−1}) / (1−ᾱ_t)) x_t + σ_t z,
 *   σ_t² = β̃_t = β_t (1−ᾱ_{t−1}) / (1−ᾱ_t)
 * which without the clip equals 1/√α_t (x_t − β_t/√(1−ᾱ_t) ε̂) + σ_t z.
 * DDIM (Song et al. 2021), η = 0, on k steps τ_k > … > τ_1 > 0 spread evenly over 1..T:
 *   x_{τ_{i−1}} = √ᾱ_{τ_{i−1}} x̂_0 + √(1−ᾱ_{τ_{i−1}}) ε̂   (deterministic given x_T).
 * Classifier-free guidance mixes two predictions: ε̂ = (1 + w) ε_θ(x_t, c) − w ε_θ(x_t); the
 * denoiser callback receives w and does that itself.
 */
import { createRng } from '$lib/random';
import type { Schedule } from './schedules';

/** |x̂_0| bound per coordinate: the data live within about ±2.2. */
export const CLIP = 2.5;

/** ε̂ for `count` points at once; `logSnr` is the noise level of every row. */
export type Denoise = (x: Float32Array, count: number, logSnr: number) => Promise<Float32Array>;

export type SamplerKind = 'ddpm' | 'ddim';

export interface SampleOptions {
	schedule: Schedule;
	sampler: SamplerKind;
	/** DDIM steps (DDPM always takes T). */
	steps: number;
	count: number;
	seed: number;
	denoise: Denoise;
	/** Keep the points after every `every`-th step (and the start and end). */
	trajectoryEvery?: number;
	/** Called after each step; return false to stop early. */
	onStep?: (done: number, total: number, x: Float32Array) => boolean | void | Promise<boolean | void>;
}

export interface SampleResult {
	x: Float32Array;
	/** Snapshots of the points, from x_T to the end. */
	trajectory: Float32Array[];
	stepsTaken: number;
	stopped: boolean;
}

/** The DDIM time steps from T down to 0: k evenly spread steps, then 0. */
export function ddimTimesteps(T: number, k: number): number[] {
	const n = Math.max(1, Math.min(T, Math.round(k)));
	const out: number[] = [];
	for (let i = n; i >= 1; i--) out.push(Math.max(1, Math.round((i * T) / n)));
	out.push(0);
	return out.filter((t, i) => i === 0 || t < out[i - 1]);
}

const clip = (v: number) => Math.max(-CLIP, Math.min(CLIP, v));

export async function sample(o: SampleOptions): Promise<SampleResult> {
	const { schedule: s, count } = o;
	const rng = createRng(o.seed);
	// Starting noise first, from the seed, so DDPM and DDIM start from the same x_T.
	let x = rng.fillNormal(new Float32Array(count * 2));
	const times = o.sampler === 'ddpm' ? Array.from({ length: s.T + 1 }, (_, i) => s.T - i) : ddimTimesteps(s.T, o.steps);
	const total = times.length - 1;
	const every = Math.max(1, o.trajectoryEvery ?? Math.ceil(total / 25));
	const trajectory = [x.slice()];
	let stopped = false;
	let done = 0;
	for (let i = 0; i < total; i++) {
		const t = times[i];
		const prev = times[i + 1];
		const abT = s.alphaBar[t];
		const abP = s.alphaBar[prev];
		const eps = await o.denoise(x, count, s.logSnr[t]);
		const next = new Float32Array(count * 2);
		const sa = Math.sqrt(abT);
		const sb = Math.sqrt(1 - abT);
		if (o.sampler === 'ddpm') {
			const beta = s.beta[t];
			const c0 = (Math.sqrt(abP) * beta) / (1 - abT);
			const ct = (Math.sqrt(1 - beta) * (1 - abP)) / (1 - abT);
			const sigma = Math.sqrt((beta * (1 - abP)) / (1 - abT));
			for (let j = 0; j < count * 2; j++) {
				const x0 = clip((x[j] - sb * eps[j]) / sa);
				next[j] = c0 * x0 + ct * x[j] + (prev > 0 ? sigma * rng.normal() : 0);
			}
		} else {
			const pa = Math.sqrt(abP);
			const pb = Math.sqrt(1 - abP);
			for (let j = 0; j < count * 2; j++) {
				const x0 = clip((x[j] - sb * eps[j]) / sa);
				// ε re-derived from the clipped x̂_0 keeps the step consistent with it.
				const e = (x[j] - sa * x0) / sb;
				next[j] = pa * x0 + pb * e;
			}
		}
		x = next;
		done = i + 1;
		if (done % every === 0 || done === total) trajectory.push(x.slice());
		if ((await o.onStep?.(done, total, x)) === false) {
			stopped = true;
			break;
		}
	}
	return { x, trajectory, stepsTaken: done, stopped };
}
