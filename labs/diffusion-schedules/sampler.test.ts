/**
 * The samplers against an exact denoiser: for Gaussian data N(m, s²I) the best ε-prediction is
 * known in closed form, E[ε | x_t] = √(1−ᾱ)(x_t − √ᾱ m) / (ᾱ s² + 1 − ᾱ), so DDPM driven by it
 * must return samples with mean m and standard deviation s, on every schedule. DDIM gets the mean
 * but shrinks the spread: each of its steps maps x_t − μ_t to x_s − μ_s with the factor
 * (√(ᾱ_s ᾱ_t) s² + √((1−ᾱ_s)(1−ᾱ_t))) / v_t = cos(ψ_t − ψ_s) · √(v_s / v_t)   (v = ᾱ s² + 1 − ᾱ,
 * ψ = atan2(√(1−ᾱ), s√ᾱ)), where √(v_s / v_t) is what the spread should be multiplied by. The
 * cosine is below 1 for every pair of distinct steps and every s, unit variance included, so
 * DDIM's samples are too narrow by the product of the cosines (about 0.78 on the cosine schedule
 * at 5 steps for unit data; see labs/diffusion-schedules/ddimSpread.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ddimTimesteps, sample, type Denoise } from './sampler';
import { makeSchedule } from './schedules';
import { mmd } from './quality';
import { createRng } from '$lib/random';

const M = 0.5;
const S = 0.5;

const exact: Denoise = async (x, count, logSnr) => {
	const ab = 1 / (1 + Math.exp(-logSnr));
	const out = new Float32Array(count * 2);
	for (let i = 0; i < out.length; i++) out[i] = (Math.sqrt(1 - ab) * (x[i] - Math.sqrt(ab) * M)) / (ab * S * S + 1 - ab);
	return out;
};

function moments(x: Float32Array): { mean: number; std: number } {
	let sum = 0;
	for (const v of x) sum += v;
	const mean = sum / x.length;
	let sq = 0;
	for (const v of x) sq += (v - mean) ** 2;
	return { mean, std: Math.sqrt(sq / x.length) };
}

describe('samplers with the exact denoiser of Gaussian data', () => {
	for (const kind of ['linear', 'cosine', 'sigmoid'] as const) {
		it(`DDPM-1000 on ${kind} recovers N(${M}, ${S}²); DDIM gets the mean, slightly narrower`, async () => {
			const schedule = makeSchedule(kind, 1000);
			const ddpm = moments((await sample({ schedule, sampler: 'ddpm', steps: 50, count: 2000, seed: 3, denoise: exact })).x);
			expect(Math.abs(ddpm.mean - M), `DDPM mean ${ddpm.mean}`).toBeLessThan(0.03);
			expect(Math.abs(ddpm.std - S), `DDPM std ${ddpm.std}`).toBeLessThan(0.03);
			const ddim = moments((await sample({ schedule, sampler: 'ddim', steps: 50, count: 2000, seed: 3, denoise: exact })).x);
			expect(Math.abs(ddim.mean - M), `DDIM mean ${ddim.mean}`).toBeLessThan(0.03);
			expect(ddim.std, 'DDIM-50 under-disperses, a little').toBeLessThan(S);
			expect(ddim.std).toBeGreaterThan(0.85 * S);
			// More steps, less shrinkage.
			const fine = moments((await sample({ schedule, sampler: 'ddim', steps: 500, count: 2000, seed: 3, denoise: exact })).x);
			expect(Math.abs(fine.std - S)).toBeLessThan(Math.abs(ddim.std - S));
		});
	}

	it('DDIM is deterministic given the seed, and can be stopped', async () => {
		const schedule = makeSchedule('cosine', 100);
		const a = await sample({ schedule, sampler: 'ddim', steps: 20, count: 10, seed: 5, denoise: exact });
		const b = await sample({ schedule, sampler: 'ddim', steps: 20, count: 10, seed: 5, denoise: exact });
		expect(Array.from(a.x)).toEqual(Array.from(b.x));
		const stopped = await sample({ schedule, sampler: 'ddim', steps: 20, count: 10, seed: 5, denoise: exact, onStep: (done) => done < 7 });
		expect(stopped.stopped).toBe(true);
		expect(stopped.stepsTaken).toBe(7);
	});

	it('DDIM time steps: k evenly spread steps from T down to 0', () => {
		expect(ddimTimesteps(1000, 5)).toEqual([1000, 800, 600, 400, 200, 0]);
		expect(ddimTimesteps(10, 50)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
	});

	it('MMD is near zero for two samples of one distribution and large for different ones', () => {
		const rng = createRng(1);
		const a = rng.fillNormal(new Float32Array(800));
		const b = rng.fillNormal(new Float32Array(800));
		const c = b.map((v) => v * 0.3 + 1);
		expect(mmd(a, b)).toBeLessThan(0.1);
		expect(mmd(a, c)).toBeGreaterThan(0.3);
	});
});
