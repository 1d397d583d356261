/**
 * The double-descent lab's draws and small helpers: determinism, nesting of training sets and
 * features, well-spread inputs, the feature scaling, the error axis cut and the LRU cache.
 */
import { describe, expect, it } from 'vitest';
import { drawFeatures, drawTraining, featureScale, N_MAX, testGrid } from './data';
import { featureMatrix } from './features';
import { formatNumber } from '$lib/format';
import { errorAxis, relativeToN } from './errorAxis';
import { Lru } from '$lib/cache/lru';
import { evaluateTarget, TARGET_IDS } from './targets';

describe('draws', () => {
	it('are deterministic per (seed, replicate) and differ across them', () => {
		expect(drawTraining(4, 1)).toEqual(drawTraining(4, 1));
		expect(drawTraining(4, 1).x).not.toEqual(drawTraining(4, 2).x);
		expect(drawTraining(4, 1).x).not.toEqual(drawTraining(5, 1).x);
	});

	it('any first n training inputs are spread: no gap below a fifth of the even spacing', () => {
		for (const seed of [1, 2, 3]) {
			const x = drawTraining(seed, 0).x;
			for (const n of [5, 40, 200]) {
				const sorted = Array.from(x.subarray(0, n)).sort((a, b) => a - b);
				const gaps = sorted.slice(1).map((v, i) => v - sorted[i]);
				expect(Math.min(...gaps)).toBeGreaterThan(2 / n / 5);
				expect(sorted[0]).toBeGreaterThanOrEqual(-1);
				expect(sorted[n - 1]).toBeLessThan(1);
			}
		}
		expect(drawTraining(1, 0).x.length).toBe(N_MAX);
	});

	it.each(['relu', 'fourier'] as const)('%s features nest: the first p do not depend on how many are drawn', (family) => {
		const few = drawFeatures(family, 7, 0, 10, 40);
		const many = drawFeatures(family, 7, 0, 60, 40);
		const x = testGrid();
		const a = featureMatrix(x, few);
		const b = featureMatrix(x, many, 10);
		expect(Array.from(a)).toEqual(Array.from(b));
	});

	it('ReLU features have a mean square of about ½ (so √(2/p) gives Φ Φᵀ a unit diagonal on average)', () => {
		const params = drawFeatures('relu', 1, 0, 4000, 40);
		const phi = featureMatrix(testGrid(), params);
		const meanSquare = phi.reduce((s, v) => s + v * v, 0) / phi.length;
		expect(meanSquare).toBeGreaterThan(0.45);
		expect(meanSquare).toBeLessThan(0.55);
		expect(featureScale(8) ** 2 * 8).toBeCloseTo(2, 12);
	});

	it('no ReLU feature is zero over the whole input interval (dead features would move the threshold)', () => {
		const grid = testGrid();
		for (const seed of [1, 2, 3, 4]) {
			for (let replicate = 0; replicate < 5; replicate++) {
				const count = 800;
				const phi = featureMatrix(grid, drawFeatures('relu', seed, replicate, count, 40));
				for (let j = 0; j < count; j++) {
					let active = false;
					for (let i = 0; i < grid.length && !active; i++) active = phi[i * count + j] > 0;
					expect(active, `feature ${j} of seed ${seed}, replicate ${replicate}`).toBe(true);
				}
			}
		}
	});

	it('targets stay within about ±1 on [-1, 1]', () => {
		for (const id of TARGET_IDS) {
			const y = evaluateTarget(id, testGrid());
			expect(Math.max(...y.map(Math.abs))).toBeLessThanOrEqual(1);
		}
	});
});

describe('error axis', () => {
	const ps = [1, 5, 10, 20, 40, 80, 400];
	it('keeps a modest spike whole', () => {
		const axis = errorAxis(ps, [0.5, 0.2, 0.1, 0.3, 1.2, 0.2, 0.1], [0.6, 0.2, 0, 0, 0, 0, 0], 40);
		expect(axis.clipped).toBe(false);
		expect(axis.top).toBeGreaterThan(1.2);
		expect(axis.peak).toEqual({ p: 40, value: 1.2 });
	});
	it('cuts a huge spike and says where it is', () => {
		const axis = errorAxis(ps, [0.5, 0.2, 0.1, 0.3, 205, 0.2, 0.1], [0.6, 0.2, 0, 0, 0, 0, 0], 40);
		expect(axis.clipped).toBe(true);
		expect(axis.top).toBeCloseTo(2.5 * 0.6, 12);
		expect(axis.peak).toEqual({ p: 40, value: 205 });
	});
});

describe('formats', () => {
	it('numbers and sizes read as text', () => {
		expect(formatNumber(0.08912)).toBe('0.0891');
		expect(formatNumber(-6.13)).toBe('−6.13');
		expect(formatNumber(2.3e-5)).toBe('2.30×10⁻⁵');
		expect(relativeToN(80, 40)).toBe('2n');
		expect(relativeToN(20, 40)).toBe('n/2');
		expect(relativeToN(40, 40)).toBe('n');
	});
});

describe('Lru (as the sweep engine uses it)', () => {
	it('evicts the least recently used entries beyond its budget', () => {
		const cache = new Lru<number>({ maxBytes: 3, sizeOf: () => 1 });
		cache.set('a', 1);
		cache.set('b', 2);
		cache.set('c', 3);
		cache.get('a');
		cache.set('d', 4);
		expect(cache.has('b')).toBe(false);
		expect(cache.has('a')).toBe(true);
		expect(cache.bytes).toBe(3);
	});
});
