/**
 * How wide DDIM's samples come out, and how wide a cloud of points is. Pure maths, no DOM.
 *
 * For data N(0, 1) the noisy point is x_t = cos φ_t · x_0 + sin φ_t · ε with
 * φ_t = atan2(√(1−ᾱ_t), √ᾱ_t), so x_t ~ N(0, 1) at every t. With the exact denoiser,
 * x̂_0 = cos φ_t · x_t and ε̂ = sin φ_t · x_t, and one DDIM jump from t to s < t gives
 *   x_s = (cos φ_s cos φ_t + sin φ_s sin φ_t) x_t = cos(φ_t − φ_s) · x_t,
 * a shrink by cos(φ_t − φ_s) < 1 where the right answer keeps the spread at 1. Over the k jumps
 * the angles add up to φ_T (≈ π/2), so the output std over the target std is the product of the
 * k cosines; for a fixed total it is largest when the jumps are equal angles, cos(φ_T/k)^k.
 */
import { ddimTimesteps } from './sampler';
import type { Schedule } from './schedules';

/** The angle of step t on the (signal, noise) circle: 0 for clean data, π/2 for pure noise. */
export const noiseAngle = (alphaBar: number) => Math.atan2(Math.sqrt(1 - alphaBar), Math.sqrt(alphaBar));

/** Output std / target std of k-step DDIM (η = 0) with the exact denoiser of N(0, 1) data. */
export function ddimSpreadRatio(schedule: Schedule, steps: number): number {
	const times = ddimTimesteps(schedule.T, steps);
	let ratio = 1;
	for (let i = 0; i + 1 < times.length; i++) {
		ratio *= Math.cos(noiseAngle(schedule.alphaBar[times[i]]) - noiseAngle(schedule.alphaBar[times[i + 1]]));
	}
	return ratio;
}

/** The spread of a 2D cloud ([count, 2] row-major): √(mean squared distance to its mean / 2). */
export function spread(points: ArrayLike<number>): number {
	const count = points.length / 2;
	let mx = 0;
	let my = 0;
	for (let i = 0; i < count; i++) {
		mx += points[2 * i];
		my += points[2 * i + 1];
	}
	mx /= count;
	my /= count;
	let sq = 0;
	for (let i = 0; i < count; i++) sq += (points[2 * i] - mx) ** 2 + (points[2 * i + 1] - my) ** 2;
	return Math.sqrt(sq / (2 * count));
}

/** The first step whose ᾱ_t is below `level` (T + 1 when none is). */
export function firstStepBelow(schedule: Schedule, level: number): number {
	for (let t = 0; t <= schedule.T; t++) if (schedule.alphaBar[t] < level) return t;
	return schedule.T + 1;
}
