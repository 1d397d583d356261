/**
 * Figure 3's statistics: cheap enough to compute for every d at page load, and still the
 * statistics of q·k for q, k ~ N(0, I_d).
 */
import { describe, expect, it, vi } from 'vitest';
import { Rng } from '$lib/random';
import { DIMS, KEYS, scaleStats } from './scaleStats';

describe('scaleStats', () => {
	it('draws few random numbers for the whole figure (nine d, scaled and not), whatever d is', () => {
		// The work is in the normal draws: drawing every q and k took ~20 million of them
		// (1.4–2.6 s on the page's main thread); √χ²_d times KEYS normals needs ~KEYS per row.
		const normal = vi.spyOn(Rng.prototype, 'normal');
		for (const d of DIMS) for (const scaled of [true, false]) scaleStats(d, scaled, 150, 11);
		expect(normal.mock.calls.length).toBeLessThan(DIMS.length * 150 * (KEYS + 4));
		normal.mockRestore();
	});

	it('has var(q·k) = d unscaled and 1 scaled, for small and large d', () => {
		for (const d of [4, 64, 1024]) {
			const scaled = scaleStats(d, true, 2000, 3);
			const unscaled = scaleStats(d, false, 2000, 3);
			expect(scaled.dots).toHaveLength(2000 * KEYS);
			expect(scaled.std, `d=${d}`).toBeGreaterThan(0.93);
			expect(scaled.std, `d=${d}`).toBeLessThan(1.07);
			expect(unscaled.std / Math.sqrt(d), `d=${d}`).toBeCloseTo(scaled.std, 10);
		}
	});

	it('draws ‖q‖² with mean d and variance 2d (χ² with d degrees of freedom)', () => {
		for (const d of [4, 64, 1024]) {
			// Each row's scores share one ‖q‖: the mean of their squares estimates ‖q‖².
			const { dots } = scaleStats(d, false, 4000, 7);
			const norms: number[] = [];
			for (let r = 0; r < 4000; r++) norms.push(dots.slice(r * KEYS, (r + 1) * KEYS).reduce((a, v) => a + v * v, 0) / KEYS);
			const mean = norms.reduce((a, b) => a + b, 0) / norms.length;
			expect(mean / d, `d=${d}`).toBeGreaterThan(0.95);
			expect(mean / d, `d=${d}`).toBeLessThan(1.05);
		}
	});

	it('at d = 4 unscaled, matches a brute-force estimate drawing every k', () => {
		// Entropy of softmax over KEYS scores q·k_j with q, k_j ~ N(0, I_4), averaged over rows,
		// by the direct method with Math.random (independent of the code under test).
		const normal = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
		let entropy = 0;
		const rows = 4000;
		for (let r = 0; r < rows; r++) {
			const q = Array.from({ length: 4 }, normal);
			const s = Array.from({ length: KEYS }, () => q.reduce((acc, qc) => acc + qc * normal(), 0));
			const m = Math.max(...s);
			const e = s.map((v) => Math.exp(v - m));
			const z = e.reduce((a, b) => a + b, 0);
			entropy -= e.reduce((acc, v) => acc + (v / z) * Math.log(v / z), 0);
		}
		expect(scaleStats(4, false, 4000, 5).entropy).toBeCloseTo(entropy / rows, 1);
	});
});
