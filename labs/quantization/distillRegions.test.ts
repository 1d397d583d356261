/**
 * Figure 6's pure parts: the three-arm spirals, reading a network's probabilities as regions and
 * an accuracy, the softmax at T, the region picture's paths, and the form the recording keeps them in.
 */
import { describe, expect, it } from 'vitest';
import { twoSpirals } from '$lib/datasets/spirals';
import { CLASSES, DISTILL, heldOutPoints, labelledPoints } from './distillConfig';
import { argmaxAccuracy, readRegions, softmaxRows } from './distillRegions';
import { regionPaths } from './regionTints';
import { TINT_LEVELS, packTints, sureAtLevel, tintLevel, unpackTints } from './tintLevels';
import { createRng } from '$lib/random';

describe('the spirals with k arms', () => {
	it('two arms are the two-spirals data as before (the option changes nothing at k = 2)', () => {
		const a = twoSpirals({ count: 64, seed: 3 });
		const b = twoSpirals({ count: 64, seed: 3, arms: 2 });
		expect(b.points).toEqual(a.points);
		expect(b.labels).toEqual(a.labels);
	});

	it('three arms: labels cycle 0, 1, 2, and without jitter each arm is its own spiral 120° from the next', () => {
		const { points, labels } = twoSpirals({ count: 300, seed: 5, arms: 3, turns: 1, noise: 0 });
		expect(Array.from(labels.slice(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
		for (let i = 0; i < 300; i++) {
			const x = points[2 * i];
			const y = points[2 * i + 1];
			const r = Math.hypot(x, y);
			const t = (r - 0.05) / 0.95; // r = 0.05 + 0.95·t
			const theta = 2 * Math.PI * t + (2 * Math.PI * labels[i]) / 3;
			expect(x).toBeCloseTo(r * Math.cos(theta), 5);
			expect(y).toBeCloseTo(r * Math.sin(theta), 5);
		}
	});

	it('the students’ labelled points and the held-out set are different draws', () => {
		const labelled = labelledPoints(128, 1).points;
		const held = heldOutPoints().points;
		expect(Array.from(labelled.slice(0, 4))).not.toEqual(Array.from(held.slice(0, 4)));
		expect(heldOutPoints().labels.length).toBe(DISTILL.heldOut.count);
	});
});

describe('reading probabilities', () => {
	it('softmaxRows at T equals exp(z/T) normalised, row by row', () => {
		const z = Float32Array.of(1, 2, 3, -4, 0, 4);
		for (const T of [1, 4]) {
			const p = softmaxRows(z, T);
			for (let r = 0; r < 2; r++) {
				const e = [0, 1, 2].map((c) => Math.exp(z[3 * r + c] / T));
				const sum = e.reduce((a, b) => a + b, 0);
				for (let c = 0; c < 3; c++) expect(p[3 * r + c]).toBeCloseTo(e[c] / sum, 6);
			}
		}
	});

	it('argmaxAccuracy counts the rows whose largest value is at their label', () => {
		const values = Float32Array.of(0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3);
		expect(argmaxAccuracy(values, [0, 2, 0])).toBeCloseTo(2 / 3, 12);
	});

	it('readRegions takes the grid first and scores the rest', () => {
		const cells = DISTILL.grid.size ** 2;
		const labels = [1, 2];
		const values = new Float32Array(CLASSES * (cells + labels.length)).fill(1 / 3);
		values.set([0.1, 0.8, 0.1], 0); // cell 0 → arm 1, sure 0.8
		values.set([0.1, 0.8, 0.1, 0.1, 0.1, 0.8], CLASSES * cells); // both points right
		const r = readRegions(7, values, labels);
		expect(r.step).toBe(7);
		expect(r.arm[0]).toBe(1);
		expect(r.sure[0]).toBeCloseTo(0.8, 6);
		expect(r.accuracy).toBe(1);
		expect(() => readRegions(7, values.subarray(3), labels)).toThrow(/values for/);
	});
});

describe('the region picture', () => {
	it('tints each sure cell once, in its arm, and leaves coin tosses clear', () => {
		const size = 4;
		const arm = Uint8Array.from({ length: 16 }, (_, i) => i % 3);
		const sure = Float32Array.from({ length: 16 }, (_, i) => (i < 4 ? 1 / 3 : 1));
		const paths = regionPaths({ arm, sure }, size);
		let cells = 0;
		for (const p of paths) {
			const runs = [...p.d.matchAll(/M(\d+) (\d+)h(\d+)/g)];
			for (const [, c, r, w] of runs) {
				for (let k = 0; k < Number(w); k++) expect(arm[Number(r) * size + Number(c) + k]).toBe(p.arm);
				cells += Number(w);
			}
			expect(p.opacity).toBeGreaterThan(0);
		}
		expect(cells).toBe(12); // the first row is undecided
	});
});

describe('the recorded form of the regions (tintLevels.ts)', () => {
	it('steps opacity from a coin toss over three arms (clear) to certainty in eighths', () => {
		expect([1 / 3, 0.2, 1, 0.5, 2 / 3].map(tintLevel)).toEqual([0, 0, 8, 2, 4]);
		for (let level = 0; level <= TINT_LEVELS; level++) expect(tintLevel(Math.fround(sureAtLevel(level)))).toBe(level);
	});

	it('keeps exactly the picture: regions packed and unpacked draw the same paths', () => {
		const size = 24;
		const rng = createRng(5);
		const arm = Uint8Array.from({ length: size * size }, (_, i) => (Math.floor(i / 50) + (rng.uniform() < 0.1 ? 1 : 0)) % 3);
		const sure = Float32Array.from({ length: size * size }, () => 1 / 3 + (2 / 3) * rng.uniform());
		const packed = packTints(arm, sure);
		expect(packed).toMatch(/^[A-Z[]+$/);
		expect(packed).toHaveLength(size * size);
		const back = unpackTints(packed);
		expect([...back.arm]).toEqual([...arm]);
		expect(regionPaths(back, size)).toEqual(regionPaths({ arm, sure }, size));
	});
});
