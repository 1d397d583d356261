/**
 * Noise schedules of a variance-preserving diffusion: the one module the figures, the samplers,
 * the build-time training and the tests all read. Pure maths, float64, no DOM, no ONNX.
 *
 * A schedule over T steps is the arrays, indexed by t = 0..T (t = 0 is the clean data):
 *   β_t (β_0 = 0),  α_t = 1 − β_t,  ᾱ_t = Π_{s≤t} α_s (ᾱ_0 = 1),
 *   logSNR_t = log(ᾱ_t / (1 − ᾱ_t))  (+∞ at t = 0).
 *
 * - linear  (Ho et al. 2020, DDPM): β linear from 1e-4 to 0.02 at T = 1000. For another T both
 *   ends are scaled by 1000/T (as improved DDPM does), so ᾱ_T stays about the same.
 * - cosine  (Nichol & Dhariwal 2021): ᾱ_t = f(t)/f(0), f(t) = cos²(((t/T + s)/(1 + s))·π/2),
 *   s = 0.008; β_t = 1 − ᾱ_t/ᾱ_{t−1} clipped at 0.999, and ᾱ recomputed from the clipped β.
 * - sigmoid (Jabri et al. 2022; Chen 2023): ᾱ(τ) = (σ(e/κ) − σ((τ(e − b) + b)/κ)) / (σ(e/κ) − σ(b/κ)),
 *   τ = t/T, b = −3, e = 3, κ = 1, clipped below at 1e-9; β from ratios, clipped at 0.999.
 * - custom: the reader's log-SNR at five control points τ = 0, ¼, ½, ¾, 1, interpolated
 *   linearly and forced to be non-increasing; ᾱ_t = sigmoid(logSNR(t/T)) exactly for t ≥ 1, so
 *   the curve passes through the reader's points (t = 0 stays the clean data, ᾱ_0 = 1; the first
 *   point is the limit as t → 0). β from ratios, not clipped: ᾱ ≥ sigmoid(−20) is never zero.
 */

export const SCHEDULE_KINDS = ['linear', 'cosine', 'sigmoid', 'custom'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export const COSINE_S = 0.008;
export const MAX_BETA = 0.999;
export const LINEAR_BETA_START = 1e-4;
export const LINEAR_BETA_END = 0.02;
export const SIGMOID_START = -3;
export const SIGMOID_END = 3;
export const SIGMOID_TAU = 1;

/** Where the custom schedule's control points sit, as fractions t/T. */
export const CUSTOM_KNOTS = [0, 0.25, 0.5, 0.75, 1] as const;
/** A reasonable starting curve for the custom schedule (log-SNR at each knot). */
export const CUSTOM_DEFAULT = [10, 4, 0, -4, -10] as const;
/** Log-SNR values the custom control points may take (the log-SNR chart shows −22 to 14). */
export const CUSTOM_RANGE = [-20, 12] as const;

export interface Schedule {
	kind: ScheduleKind;
	T: number;
	/** [T+1], β_0 = 0. */
	beta: Float64Array;
	/** [T+1], ᾱ_0 = 1. */
	alphaBar: Float64Array;
	/** [T+1], logSNR_0 = +∞. */
	logSnr: Float64Array;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export const logSnrOf = (alphaBar: number) => Math.log(alphaBar) - Math.log1p(-alphaBar);

/** ᾱ as a function of τ = t/T in [0, 1], for the schedules defined that way. */
function continuousAlphaBar(kind: 'cosine' | 'sigmoid'): (tau: number) => number {
	if (kind === 'cosine') {
		const f = (tau: number) => Math.cos(((tau + COSINE_S) / (1 + COSINE_S)) * (Math.PI / 2)) ** 2;
		const f0 = f(0);
		return (tau) => f(tau) / f0;
	}
	const vStart = sigmoid(SIGMOID_START / SIGMOID_TAU);
	const vEnd = sigmoid(SIGMOID_END / SIGMOID_TAU);
	return (tau) => {
		const v = sigmoid((tau * (SIGMOID_END - SIGMOID_START) + SIGMOID_START) / SIGMOID_TAU);
		return Math.max(1e-9, Math.min(1, (vEnd - v) / (vEnd - vStart)));
	};
}

/** The custom control values clamped to range and made non-increasing (each ≤ the one before). */
export function monotoneKnots(values: readonly number[]): number[] {
	if (values.length !== CUSTOM_KNOTS.length) throw new Error(`custom schedule: ${CUSTOM_KNOTS.length} control points, got ${values.length}`);
	const out: number[] = [];
	for (const v of values) {
		const finite = Number.isFinite(v) ? v : 0;
		const clamped = Math.min(CUSTOM_RANGE[1], Math.max(CUSTOM_RANGE[0], finite));
		out.push(out.length === 0 ? clamped : Math.min(out[out.length - 1], clamped));
	}
	return out;
}

/** Piecewise-linear log-SNR through the knots at τ ∈ [0, 1]. */
export function interpolateKnots(knots: readonly number[], tau: number): number {
	const x = Math.min(1, Math.max(0, tau)) * (CUSTOM_KNOTS.length - 1);
	const i = Math.min(CUSTOM_KNOTS.length - 2, Math.floor(x));
	const f = x - i;
	return knots[i] * (1 - f) + knots[i + 1] * f;
}

/** Builds a schedule over T steps; `custom` holds the five log-SNR knots (custom kind only). */
export function makeSchedule(kind: ScheduleKind, T: number, custom: readonly number[] = CUSTOM_DEFAULT): Schedule {
	if (!Number.isInteger(T) || T < 1) throw new Error(`schedule: T must be a positive integer, got ${T}`);
	const beta = new Float64Array(T + 1);
	const alphaBar = new Float64Array(T + 1);
	alphaBar[0] = 1;
	if (kind === 'linear') {
		const scale = 1000 / T;
		const start = LINEAR_BETA_START * scale;
		const end = LINEAR_BETA_END * scale;
		for (let t = 1; t <= T; t++) beta[t] = Math.min(MAX_BETA, T === 1 ? start : start + ((end - start) * (t - 1)) / (T - 1));
	} else if (kind === 'custom') {
		// No division by ᾱ(0): that would shift every log-SNR away from the reader's points.
		const knots = monotoneKnots(custom);
		for (let t = 1; t <= T; t++) {
			alphaBar[t] = sigmoid(interpolateKnots(knots, t / T));
			beta[t] = 1 - alphaBar[t] / alphaBar[t - 1];
		}
	} else {
		const abar = continuousAlphaBar(kind);
		const a0 = abar(0);
		for (let t = 1; t <= T; t++) {
			// Normalised so that ᾱ_0 = 1 exactly (sigmoid's starts at 1 only up to rounding).
			const prev = abar((t - 1) / T) / a0;
			const next = abar(t / T) / a0;
			beta[t] = Math.min(MAX_BETA, Math.max(0, 1 - next / prev));
		}
	}
	if (kind !== 'custom') for (let t = 1; t <= T; t++) alphaBar[t] = alphaBar[t - 1] * (1 - beta[t]);
	const logSnr = alphaBar.map((a, t) => (t === 0 ? Infinity : logSnrOf(a)));
	return { kind, T, beta, alphaBar, logSnr };
}

/** Noise levels a denoiser is asked about: log-SNR clipped to the range it was trained on. */
export const LOG_SNR_CLIP = [-20, 20] as const;
export const clipLogSnr = (l: number) => Math.min(LOG_SNR_CLIP[1], Math.max(LOG_SNR_CLIP[0], l));
