/**
 * The normalization-axes lab's plain maths: the groups every method uses, the built-in data,
 * the sweep's arithmetic and the cube's geometry. No ONNX here (see tests/models).
 */
import { describe, expect, it } from 'vitest';
import { divisors, effectiveGroups, grouping, groupIndex, METHODS, storedShape, type Shape3 } from './axes';
import { axisSlots, cubeCells, faceAffine, groupBoundaries, keepUnchanged, project, screenPoints, stepIndex, type Affine, type AxisSlots } from './cube';
import { imageBatch, OUTLIER, packTokens, samplePool, sequenceBatch } from './data';
import { channelMoments, groupMoments, maxAbsDiff, normalizeReference } from './reference';
import { pickGroups, validRows } from './summary';
import { batchWeights, drawRows, inverseSqrtFit, logLogSlope, ROW_SLOTS } from './sweep';
import { setTex } from './setTex';
import { createRng } from '$lib/random';

/** The partition of cells a grouping induces, as a canonical string (group ids renumbered by first appearance). */
function partition(index: Int32Array): string {
	const seen = new Map<number, number>();
	return Array.from(index, (g) => {
		if (!seen.has(g)) seen.set(g, seen.size);
		return seen.get(g);
	}).join(',');
}

describe('groups', () => {
	const image: Shape3 = [4, 8, 6];
	const sequence: Shape3 = [3, 5, 8];

	it('count × size covers the tensor, and every group is used', () => {
		for (const [layout, shape] of [['image', image], ['sequence', sequence]] as const) {
			for (const method of METHODS) {
				const g = grouping(layout, method, shape, 4);
				expect(g.count * g.size).toBe(shape[0] * shape[1] * shape[2]);
				const index = groupIndex(g, shape);
				const counts = new Array(g.count).fill(0);
				for (const k of index) counts[k]++;
				expect(counts.every((c) => c === g.size), `${layout} ${method}`).toBe(true);
				expect(g.statsShape.reduce((p, d) => p * d, 1)).toBe(g.count);
			}
		}
	});

	it('GroupNorm with G = 1 has LayerNorm’s sets on images, and with G = C InstanceNorm’s', () => {
		const one = partition(groupIndex(grouping('image', 'group', image, 1), image));
		expect(one).toBe(partition(groupIndex(grouping('image', 'layer', image, 1), image)));
		const all = partition(groupIndex(grouping('image', 'group', image, image[1]), image));
		expect(all).toBe(partition(groupIndex(grouping('image', 'instance', image, 1), image)));
	});

	it('sequences: LayerNorm per token, BatchNorm per feature', () => {
		const ln = grouping('sequence', 'layer', sequence, 1);
		expect(ln.count).toBe(3 * 5);
		expect(ln.size).toBe(8);
		expect(ln.of(1, 2, 0)).toBe(ln.of(1, 2, 7));
		expect(ln.of(1, 2, 0)).not.toBe(ln.of(1, 3, 0));
		const bn = grouping('sequence', 'batch', sequence, 1);
		expect(bn.of(0, 0, 5)).toBe(bn.of(2, 4, 5));
		expect(bn.label(5)).toBe('feature 6');
	});

	it('touching groups never share a colour slot (mod 6)', () => {
		for (const [layout, shape] of [['image', [4, 12, 5]], ['sequence', [4, 5, 12]]] as const) {
			for (const method of METHODS) {
				const g = grouping(layout, method, shape, 3);
				const slot = (a: number, b: number, c: number) => g.colorSlot(g.of(a, b, c)) % 6;
				for (let a = 0; a < shape[0]; a++)
					for (let b = 0; b < shape[1]; b++)
						for (let c = 0; c < shape[2]; c++) {
							const here = g.of(a, b, c);
							const neighbours: [number, number, number][] = [[a + 1, b, c], [a, b + 1, c], [a, b, c + 1]];
							for (const [x, y, z] of neighbours) {
								if (x >= shape[0] || y >= shape[1] || z >= shape[2] || g.of(x, y, z) === here) continue;
								expect(slot(x, y, z), `${layout} ${method} at ${a},${b},${c}`).not.toBe(slot(a, b, c));
							}
						}
			}
		}
	});

	it('G must divide C; the lab picks the nearest divisor', () => {
		expect(() => grouping('image', 'group', image, 3)).toThrow(/divide/);
		expect(divisors(16)).toEqual([1, 2, 4, 8, 16]);
		expect(effectiveGroups(4, 16)).toBe(4);
		expect(effectiveGroups(5, 16)).toBe(4);
		expect(effectiveGroups(7, 16)).toBe(8);
		expect(effectiveGroups(64, 12)).toBe(12);
		expect(effectiveGroups(5, 12)).toBe(4);
	});

	it('stored shapes put the channel axis where the cube draws it', () => {
		expect(storedShape('image', { batch: 8, channels: 16, spatial: 4 })).toEqual([8, 16, 4]);
		expect(storedShape('sequence', { batch: 8, channels: 16, spatial: 4 })).toEqual([8, 4, 16]);
	});
});

describe('built-in data', () => {
	it('is deterministic per seed and per sample index', () => {
		const a = imageBatch(7, 4, 8, 6).data;
		const b = imageBatch(7, 8, 8, 6).data;
		expect(maxAbsDiff(a, b.subarray(0, a.length))).toBe(0);
		expect(maxAbsDiff(a, imageBatch(8, 4, 8, 6).data)).toBeGreaterThan(0.1);
	});

	it('channels have different offsets and scales; sample 2 is an outlier', () => {
		const batch = imageBatch(1, 8, 16, 16);
		const shape = batch.shape;
		const perChannel = groupMoments(batch.data, groupIndex(grouping('image', 'batch', shape, 1), shape), 16);
		const sds = Array.from(perChannel.variance, Math.sqrt);
		expect(Math.max(...sds) / Math.min(...sds)).toBeGreaterThan(3);
		const perSample = groupMoments(batch.data, groupIndex(grouping('image', 'layer', shape, 1), shape), 8);
		const others = Array.from(perSample.variance).filter((_, n) => n !== OUTLIER);
		expect(perSample.variance[OUTLIER]).toBeGreaterThan(Math.max(...others));
	});

	it('sequences: the first is full length, padding is zeros, the mask marks tokens', () => {
		const batch = sequenceBatch(3, 6, 10, 4);
		expect(batch.lengths![0]).toBe(10);
		expect(batch.lengths!.every((l) => l >= 1 && l <= 10)).toBe(true);
		batch.lengths!.forEach((len, b) => {
			for (let t = 0; t < 10; t++) {
				const row = batch.data.subarray((b * 10 + t) * 4, (b * 10 + t + 1) * 4);
				expect(batch.mask![b * 10 + t]).toBe(t < len ? 1 : 0);
				if (t >= len) expect(Array.from(row)).toEqual([0, 0, 0, 0]);
			}
		});
		const packed = packTokens(batch);
		expect(packed.count).toBe(batch.lengths!.reduce((s, l) => s + l, 0));
		expect(maxAbsDiff(validRows(batch.data, batch.shape, batch.lengths!), packed.data)).toBe(0);
	});

	it('the pool is channel-first and its channel moments match the reference', () => {
		const pool = samplePool(2, 'sequence', 16, 4, 6);
		expect(pool.length).toBe(16 * 4 * 6);
		const { mean } = channelMoments(pool, 4, 6);
		let direct = 0;
		for (let p = 0; p < 16; p++) for (let s = 0; s < 6; s++) direct += pool[p * 24 + s];
		expect(mean[0]).toBeCloseTo(direct / 96, 10);
	});
});

describe('reference normalization', () => {
	it('each group comes out with mean 0 and variance σ²/(σ² + ε); RMSNorm with mean square 1', () => {
		const shape: Shape3 = [3, 4, 5];
		const x = createRng(4).fillNormal(new Float64Array(60), 3);
		for (const method of METHODS) {
			const ref = normalizeReference(x, 'image', method, shape, 2, 1e-5);
			const g = grouping('image', method, shape, 2);
			const after = groupMoments(ref.y, groupIndex(g, shape), g.count);
			for (let k = 0; k < g.count; k++) {
				if (method === 'rms') expect(after.meanSquare[k]).toBeCloseTo(ref.moments.meanSquare[k] / (ref.moments.meanSquare[k] + 1e-5), 10);
				else {
					expect(after.mean[k]).toBeCloseTo(0, 10);
					expect(after.variance[k]).toBeCloseTo(ref.moments.variance[k] / (ref.moments.variance[k] + 1e-5), 10);
				}
			}
		}
	});
});

describe('sweep arithmetic', () => {
	it('recovers an exact power law', () => {
		const xs = [1, 2, 4, 8, 16, 32, 64];
		expect(logLogSlope(xs, xs.map((x) => 3 * x ** -0.5))).toBeCloseTo(-0.5, 12);
		expect(inverseSqrtFit(xs, xs.map((x) => 3 / Math.sqrt(x)))).toBeCloseTo(3, 12);
	});

	it('draws rows of 64 samples with x₀ fixed in the second half; W averages the first B', () => {
		const per = 3;
		const pool = Float32Array.from({ length: 10 * per }, (_, i) => Math.floor(i / per));
		const { xb, x0 } = drawRows(pool, per, 5, createRng(1));
		expect(xb.length).toBe(10 * ROW_SLOTS * per);
		for (let k = 0; k < 10; k++) {
			expect(x0[k * per]).toBe(xb[k * ROW_SLOTS * per]);
			if (k >= 5) expect(x0[k * per]).toBe(0);
		}
		const w = batchWeights([1, 4]);
		expect(Array.from(w.subarray(0, 2))).toEqual([1, 0]);
		expect(w.subarray(ROW_SLOTS, 2 * ROW_SLOTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
		expect(w[ROW_SLOTS + 3]).toBeCloseTo(0.25, 7);
		expect(w[ROW_SLOTS + 4]).toBe(0);
	});

	it('picks panels spread over the groups, skipping empty ones', () => {
		expect(pickGroups(16, 6, () => true)).toEqual([0, 3, 6, 9, 12, 15]);
		expect(pickGroups(4, 6, (g) => g !== 2)).toEqual([0, 1, 3]);
	});
});

describe('cube geometry', () => {
	it('shows every index up to the cap, then the first ones, a gap and the last two', () => {
		expect(axisSlots(8, 12).indices).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		const long = axisSlots(64, 14);
		expect(long.indices).toEqual([...Array.from({ length: 11 }, (_, i) => i), 62, 63]);
		expect(long.gapAt).toBe(11);
		expect(long.offsets[11] - long.offsets[10]).toBeGreaterThan(1);
		expect(stepIndex(long, 10, 1)).toBe(62);
		expect(stepIndex(long, 63, 1)).toBe(63);
		expect(stepIndex(long, 0, -1)).toBe(0);
	});

	it('draws the three visible faces, fits the width, and outlines groups', () => {
		const slots: [AxisSlots, AxisSlots, AxisSlots] = [axisSlots(8, 12), axisSlots(16, 24), axisSlots(16, 24)];
		const p = project(slots, 390, 400);
		expect(p.width).toBeLessThanOrEqual(390);
		expect(p.cell).toBeGreaterThan(10);
		const cells = cubeCells(slots);
		expect(cells.length).toBe(16 * 16 + 8 * 16 + 8 * 16);
		// BatchNorm on images: 15 channel borders on the front face, top face and none on the side.
		const g = grouping('image', 'batch', [8, 16, 16], 1);
		const paths = groupBoundaries(slots, g.of);
		const edges = (d: string) => d.split('M').length - 1;
		expect([edges(paths.front), edges(paths.top), edges(paths.side)]).toEqual([15 * 16, 15 * 8, 0]);
	});

	it('maps each face’s units onto the projection: a cell’s corners land where the projection puts them', () => {
		const slots: [AxisSlots, AxisSlots, AxisSlots] = [axisSlots(9, 12), axisSlots(40, 24), axisSlots(16, 24)];
		const p = project(slots, 640, 520);
		const apply = (m: Affine, [u, v]: [number, number]) => [m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]];
		// The depth, across and down offsets of a face point (u, v), straight from the projection's definition.
		const where = { front: (u: number, v: number) => p.at(0, u, v), top: (u: number, v: number) => p.at(v, u, 0), side: (u: number, v: number) => p.at(u, slots[1].span, v) };
		for (const c of cubeCells(slots)) {
			const m = faceAffine(slots, p, c.face);
			const corners = c.points.split(' ').map((xy) => xy.split(',').map(Number) as [number, number]);
			expect(corners[0]).toEqual([c.u, c.v]);
			for (const corner of corners) {
				const [x, y] = apply(m, corner);
				const [ex, ey] = where[c.face](...corner);
				expect(Math.abs(x - ex) + Math.abs(y - ey)).toBeLessThan(1e-9);
			}
			expect(screenPoints(slots, p, c).split(' ')).toHaveLength(4);
		}
	});

	it('keeps the cells that did not change when a batch grows, so their polygons stay', () => {
		const at = (batch: number) => cubeCells([axisSlots(batch, 12), axisSlots(16, 24), axisSlots(16, 24)]);
		const before = at(8);
		const after = keepUnchanged(at(9), before);
		const kept = after.filter((c) => before.includes(c));
		// Every old cell stays; the ninth sample adds one row on the top and one on the side face.
		expect(kept).toHaveLength(before.length);
		expect(after.length - kept.length).toBe(16 + 16);
	});

	it('writes the set S of a cell in TeX', () => {
		expect(setTex('image', 'batch', [8, 16, 16], [0, 2, 0], 4)).toMatchObject({ name: 'c=3', size: '8 \\cdot 16' });
		expect(setTex('image', 'group', [8, 16, 16], [1, 5, 0], 4).members).toContain('5 \\le c \\le 8');
		expect(setTex('sequence', 'layer', [2, 5, 8], [1, 3, 0], 1)).toMatchObject({ name: 'b=2,\\,t=4', size: '8' });
	});
});
