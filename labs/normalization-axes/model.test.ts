/**
 * The normalization-axes models on onnxruntime-web's WASM backend, against the float64
 * TypeScript reference, and the lab's facts computed by running them (nothing recorded):
 * GroupNorm with G = 1 is LayerNorm and with G = C is InstanceNorm; every group comes out with
 * mean 0 and variance 1 (RMSNorm: mean square 1); BatchNorm's batch-mean spread falls like 1/√B.
 */
import { describe, expect, it } from 'vitest';
import { grouping, groupIndex, METHODS, type Layout, type Method, type Shape3 } from './axes';
import { imageBatch, packTokens, samplePool, sequenceBatch, drawRng } from './data';
import { buildNormGraph, normOutput, RMS_MEAN_SQUARE } from './model';
import { buildPaddingGraph, PADDING_OUTPUTS } from './paddingModel';
import { BATCH_STATS, buildBatchStatsGraph, buildSampleMomentsGraph, SAMPLE_MOMENTS } from './sweepModel';
import { buildCostGraph, COST_SHAPE } from './costModel';
import { countOps } from './opCount';
import { channelMoments, groupMoments, maxAbsDiff, normalizeReference } from './reference';
import {
	batchWeights,
	drawRows,
	drawsPerHalf,
	logLogSlope,
	POOL_SIZE,
	ROW_SLOTS,
	summarizeSweep,
	SWEEP_BATCH_SIZES
} from './sweep';
import { createRng } from '$lib/random';
import { runModel, type Results } from '../../tests/support/ort';

const EPS = 1e-5;

/** Largest |a − b| relative to the largest |b|. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let scale = 0;
	for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
	return maxAbsDiff(a, b) / Math.max(scale, 1e-12);
}

function batchFor(layout: Layout, shape: Shape3, seed = 1) {
	return layout === 'image' ? imageBatch(seed, shape[0], shape[1], shape[2]) : sequenceBatch(seed, shape[0], shape[1], shape[2]);
}

async function runNorms(layout: Layout, shape: Shape3, groups: number, eps = EPS, groupNorm: 'composed' | 'operator' = 'composed') {
	const batch = batchFor(layout, shape);
	const out = await runModel(buildNormGraph({ layout, shape, groups, eps, groupNorm }), { x: { data: batch.data, dims: shape } });
	return { batch, out };
}

describe('every method matches the TypeScript reference', () => {
	const cases: { layout: Layout; shape: Shape3; groups: number }[] = [
		{ layout: 'image', shape: [3, 8, 6], groups: 4 },
		{ layout: 'image', shape: [1, 4, 5], groups: 2 },
		{ layout: 'sequence', shape: [3, 5, 8], groups: 2 }
	];
	for (const { layout, shape, groups } of cases) {
		it(`${layout} ${shape.join('×')}, G = ${groups}: outputs and statistics`, async () => {
			const { batch, out } = await runNorms(layout, shape, groups);
			for (const method of METHODS) {
				const ref = normalizeReference(batch.data, layout, method, shape, groups, EPS);
				const names = normOutput(method);
				expect(out[names.y].dims, `${method} y dims`).toEqual([...shape]);
				expect(out[names.mean].dims, `${method} mean dims`).toEqual([...grouping(layout, method, shape, groups).statsShape]);
				// Padded tokens are all zeros: their variance is 0 and y = 0/√ε = 0 in both.
				expect(relativeError(out[names.y].data, ref.y), `${method} y`).toBeLessThan(2e-5);
				expect(relativeError(out[names.mean].data, ref.moments.mean), `${method} mean`).toBeLessThan(2e-6);
				expect(relativeError(out[names.variance].data, ref.moments.variance), `${method} var`).toBeLessThan(2e-5);
			}
			expect(relativeError(out[RMS_MEAN_SQUARE].data, normalizeReference(batch.data, layout, 'rms', shape, groups, EPS).moments.meanSquare)).toBeLessThan(2e-6);
		});
	}

	it('the statistics output are the ones that normalize y', async () => {
		const layout = 'image';
		const shape: Shape3 = [4, 8, 6];
		const { batch, out } = await runNorms(layout, shape, 2, 1e-3);
		for (const method of METHODS) {
			const g = grouping(layout, method, shape, 2);
			const index = groupIndex(g, shape);
			const names = normOutput(method);
			const mean = out[names.mean].data;
			const variance = out[names.variance].data;
			const ms = out[RMS_MEAN_SQUARE].data;
			const rebuilt = Float64Array.from(batch.data, (v, i) =>
				method === 'rms' ? v / Math.sqrt(ms[index[i]] + 1e-3) : (v - mean[index[i]]) / Math.sqrt(variance[index[i]] + 1e-3)
			);
			expect(maxAbsDiff(out[names.y].data, rebuilt), method).toBeLessThan(1e-4);
		}
	});

	it('the composed GroupNorm equals the GroupNormalization operator', async () => {
		for (const layout of ['image', 'sequence'] as const) {
			const shape: Shape3 = layout === 'image' ? [4, 16, 9] : [4, 9, 16];
			for (const groups of [1, 4, 16]) {
				const composed = await runNorms(layout, shape, groups, EPS, 'composed');
				const operator = await runNorms(layout, shape, groups, EPS, 'operator');
				expect(maxAbsDiff(composed.out.y_group.data, operator.out.y_group.data), `${layout} G=${groups}`).toBeLessThan(3e-5);
			}
		}
	});
});

describe('facts the lab reproduces', () => {
	const shape: Shape3 = [8, 16, 16];

	it('GroupNorm with G = 1 is LayerNorm over (C, H·W); with G = C it is InstanceNorm', async () => {
		const one = await runNorms('image', shape, 1);
		expect(maxAbsDiff(one.out.y_group.data, one.out.y_layer.data)).toBeLessThanOrEqual(1e-5);
		const all = await runNorms('image', shape, shape[1]);
		expect(maxAbsDiff(all.out.y_group.data, all.out.y_instance.data)).toBeLessThanOrEqual(1e-5);
		// The statistics agree too: one group per sample, one per (sample, channel).
		expect(maxAbsDiff(one.out.mean_group.data, one.out.mean_layer.data)).toBeLessThanOrEqual(1e-5);
		expect(maxAbsDiff(all.out.var_group.data, all.out.var_instance.data)).toBeLessThanOrEqual(1e-5);
	});

	for (const layout of ['image', 'sequence'] as const) {
		it(`${layout}: every group comes out with mean 0 and variance 1 (RMSNorm: mean square 1)`, async () => {
			const s: Shape3 = layout === 'image' ? shape : [8, 16, 16];
			const { out } = await runNorms(layout, s, 4);
			for (const method of METHODS as Method[]) {
				const g = grouping(layout, method, s, 4);
				const index = groupIndex(g, s);
				const before = groupMoments(batchFor(layout, s).data, index, g.count);
				const after = groupMoments(out[normOutput(method).y].data, index, g.count);
				let checked = 0;
				for (let k = 0; k < g.count; k++) {
					// Padded tokens (all zeros) have nothing to normalize.
					if (before.variance[k] === 0 && before.meanSquare[k] === 0) continue;
					checked++;
					if (method === 'rms') expect(Math.abs(after.meanSquare[k] - 1), `${method} group ${k} mean square`).toBeLessThan(1e-3);
					else {
						expect(Math.abs(after.mean[k]), `${method} group ${k} mean`).toBeLessThan(1e-5);
						expect(Math.abs(after.variance[k] - 1), `${method} group ${k} variance`).toBeLessThan(1e-3);
					}
				}
				expect(checked).toBeGreaterThan(0);
			}
		});
	}

	it("the spread of BatchNorm's batch means falls like 1/√B (slope −1/2 on log-log axes)", async () => {
		const { points, draws, out } = await runSweep('image', 16, 16, 4, 1);
		checkSweepStatistics(out, draws.xb, draws.x0, 2 * drawsPerHalf(16, 16), 16, 16);
		const slope = logLogSlope(
			points.map((p) => p.batch),
			points.map((p) => p.batchMeanSpread)
		);
		expect(Math.abs(slope + 0.5), `slope ${slope}`).toBeLessThan(0.06);
		// LayerNorm and GroupNorm never look at the batch: their spread does not change with B.
		for (const p of points) {
			expect(p.layerMeanSpread).toBe(points[0].layerMeanSpread);
			expect(p.groupMeanSpread).toBe(points[0].groupMeanSpread);
		}
		// x₀ with changing batch-mates: only training-mode BatchNorm moves it.
		for (const p of points) {
			expect(p.runningSpread).toBeLessThan(1e-5);
			expect(p.layerSpread).toBeLessThan(1e-5);
		}
		expect(points[1].trainSpread).toBeGreaterThan(0.1);
		expect(points[6].trainSpread).toBeLessThan(points[1].trainSpread);
		// The train/test gap closes as the batch statistics approach the running ones.
		for (let i = 1; i < points.length; i++) expect(points[i].trainTestGap).toBeLessThan(points[i - 1].trainTestGap);
	});

	it('the slope holds for other seeds and for sequences too', async () => {
		const slopes: number[] = [];
		for (const [layout, seed] of [['image', 2], ['image', 3], ['sequence', 1], ['sequence', 4]] as const) {
			const { points } = await runSweep(layout, 8, 12, 2, seed);
			slopes.push(logLogSlope(points.map((p) => p.batch), points.map((p) => p.batchMeanSpread)));
		}
		for (const slope of slopes) expect(Math.abs(slope + 0.5), `slopes ${slopes.join(', ')}`).toBeLessThan(0.08);
		expect(Math.abs(slopes.reduce((a, b) => a + b, 0) / slopes.length + 0.5)).toBeLessThan(0.04);
	});
});

/** Both sweep graphs, as compute.ts runs them, at the powers of two. */
async function runSweep(layout: Layout, channels: number, spatial: number, groups: number, seed: number) {
	const half = drawsPerHalf(channels, spatial);
	const rows = 2 * half;
	const pool = samplePool(seed, layout, POOL_SIZE, channels, spatial);
	const running = channelMoments(pool, channels, spatial);
	const draws = drawRows(pool, channels * spatial, half, drawRng(seed));
	const moments = await runModel(buildSampleMomentsGraph(rows, channels, spatial), {
		xb: { data: draws.xb, dims: [rows, ROW_SLOTS, channels, spatial] }
	});
	const sizes = [...SWEEP_BATCH_SIZES];
	const out = await runModel(buildBatchStatsGraph({ layout, rows, sizes: sizes.length, channels, spatial, groups, eps: EPS }), {
		[SAMPLE_MOMENTS.mean]: { data: moments[SAMPLE_MOMENTS.mean].data, dims: [rows, ROW_SLOTS, channels] },
		[SAMPLE_MOMENTS.variance]: { data: moments[SAMPLE_MOMENTS.variance].data, dims: [rows, ROW_SLOTS, channels] },
		weights: { data: batchWeights(sizes), dims: [sizes.length, ROW_SLOTS] },
		x0: { data: draws.x0, dims: [rows, channels, spatial] },
		running_mean: { data: Float32Array.from(running.mean), dims: [channels] },
		running_var: { data: Float32Array.from(running.variance), dims: [channels] }
	});
	const O = BATCH_STATS;
	const points = summarizeSweep(
		sizes,
		{
			batchMean: out[O.batchMean].data,
			batchVar: out[O.batchVar].data,
			layerMean: out[O.layerMean].data,
			groupMean: out[O.groupMean].data,
			train: out[O.train].data,
			running: out[O.running].data,
			layer: out[O.layer].data
		},
		{ layout, channels, spatial, groups, half, poolVar: running.variance }
	);
	return { points, draws, out };
}

/**
 * The batch statistics (at every size) and the training-mode output of slot 0 against plain
 * arithmetic over the first B samples of each row.
 */
function checkSweepStatistics(out: Results, xb: Float32Array, x0: Float32Array, rows: number, c: number, s: number): void {
	const n = SWEEP_BATCH_SIZES.length;
	const mean = out[BATCH_STATS.batchMean].data;
	const variance = out[BATCH_STATS.batchVar].data;
	const train = out[BATCH_STATS.train].data;
	for (const [i, batch] of SWEEP_BATCH_SIZES.entries()) {
		const values: number[] = [];
		const index: number[] = [];
		for (let r = 0; r < rows; r++)
			for (let b = 0; b < batch; b++)
				for (let ch = 0; ch < c; ch++)
					for (let p = 0; p < s; p++) {
						values.push(xb[((r * ROW_SLOTS + b) * c + ch) * s + p]);
						index.push(r * c + ch);
					}
		const ref = groupMoments(values, index, rows * c);
		const at = (r: number, ch: number) => (r * n + i) * c + ch;
		const got = { mean: new Float64Array(rows * c), variance: new Float64Array(rows * c) };
		for (let r = 0; r < rows; r++)
			for (let ch = 0; ch < c; ch++) {
				got.mean[r * c + ch] = mean[at(r, ch)];
				got.variance[r * c + ch] = variance[at(r, ch)];
			}
		expect(relativeError(got.mean, ref.mean), `B=${batch} mean`).toBeLessThan(1e-5);
		expect(relativeError(got.variance, ref.variance), `B=${batch} variance`).toBeLessThan(2e-5);
		for (let r = 0; r < rows; r += 7)
			for (let ch = 0; ch < c; ch++)
				for (let p = 0; p < s; p++) {
					const expected = (x0[(r * c + ch) * s + p] - ref.mean[r * c + ch]) / Math.sqrt(ref.variance[r * c + ch] + EPS);
					expect(Math.abs(train[((r * n + i) * c + ch) * s + p] - expected)).toBeLessThan(1e-3);
				}
	}
}

describe('padding', () => {
	it('masked BatchNorm equals BatchNorm on the packed tokens; unmasked does not; LayerNorm is unaffected', async () => {
		const batch = sequenceBatch(3, 8, 16, 12);
		const packed = packTokens(batch);
		const out = await runModel(buildPaddingGraph(batch.shape, EPS), {
			x: { data: batch.data, dims: batch.shape },
			mask: { data: batch.mask!, dims: [8, 16] },
			packed: { data: packed.data, dims: [packed.count, 12] }
		});
		const O = PADDING_OUTPUTS;
		expect(packed.count).toBeLessThan(8 * 16);
		expect(maxAbsDiff(out[O.meanMasked].data, out[O.meanPacked].data)).toBeLessThan(1e-5);
		expect(relativeError(out[O.varMasked].data, out[O.varPacked].data)).toBeLessThan(1e-5);
		// Zeros pull every feature's mean towards 0 by the padding fraction.
		const valid = packed.count / (8 * 16);
		const meanM = out[O.meanMasked].data;
		const meanU = out[O.meanUnmasked].data;
		for (let d = 0; d < 12; d++) expect(Math.abs(meanU[d] - valid * meanM[d])).toBeLessThan(1e-4);

		const validRows = (y: Float32Array) => {
			const rows: number[] = [];
			batch.lengths!.forEach((len, b) => rows.push(...y.subarray(b * 16 * 12, (b * 16 + len) * 12)));
			return rows;
		};
		expect(maxAbsDiff(validRows(out[O.bnMasked].data), out[O.bnPacked].data)).toBeLessThan(1e-4);
		expect(maxAbsDiff(validRows(out[O.layer].data), out[O.layerPacked].data)).toBe(0);
		expect(maxAbsDiff(validRows(out[O.bnUnmasked].data), out[O.bnPacked].data)).toBeGreaterThan(0.1);
	});
});

describe('cost', () => {
	it('the standard operators equal their compositions, and RMSNorm needs fewer operations per element', async () => {
		const rng = createRng(5);
		const x = rng.fillNormal(new Float32Array(COST_SHAPE[0] * COST_SHAPE[1]), 2);
		for (let i = 0; i < x.length; i++) x[i] += 1.5;
		const feeds = { x: { data: x, dims: COST_SHAPE } };
		const run = async (kind: Parameters<typeof buildCostGraph>[0]) => (await runModel(buildCostGraph(kind).bytes, feeds)).y.data;
		expect(maxAbsDiff(await run('layer-op'), await run('layer-composed'))).toBeLessThan(1e-5);
		expect(maxAbsDiff(await run('rms-op'), await run('rms-composed'))).toBeLessThan(1e-5);
		const elements = COST_SHAPE[0] * COST_SHAPE[1];
		const layer = countOps(buildCostGraph('layer-composed').nodes, elements);
		const rms = countOps(buildCostGraph('rms-composed').nodes, elements);
		// LayerNorm: mean, subtract, square, mean, divide, scale, shift. RMSNorm: square, mean, divide, scale.
		expect(layer.elementOps).toEqual(['ReduceMean', 'Sub', 'Mul', 'ReduceMean', 'Div', 'Mul', 'Add']);
		expect(rms.elementOps).toEqual(['Mul', 'ReduceMean', 'Div', 'Mul']);
		expect(rms.perElement).toBeLessThan(layer.perElement);
	});
});
