/**
 * Figure 2's facts, from the spec, computed by running the checks' ONNX models (trained by the
 * project's training graphs on onnxruntime-web's WASM backend in Node), with the pure parts
 * checked against brute-force float64 computations done here.
 */
import { describe, expect, it } from 'vitest';
import { adversarialSummary, quantile, twiceU } from './auc';
import { dataChecks } from './dataChecks';
import { NO_FAULTS, PIXELS, WATERMARK_PIXEL, splitSets, type DataFaults } from './glyphs';
import { nearestDistances } from './nearest';
import { FLAG_DISTANCE } from './nearestBins';

const N = 256;
const SEED = 1;
const checksFor = (faults: DataFaults) => dataChecks(`test:${faults.leak}:${faults.split}:${faults.shift}`, splitSets(N, SEED, faults), 'wasm', SEED);

describe('the pure parts', () => {
	it('twiceU counts the pairs a positive outscores a negative (ties half), as a brute force does', () => {
		const scores = [0.3, 1.2, -0.5, 0.3, 2, 0.3, -1, 0.9];
		const positive = [true, false, false, true, true, false, false, true];
		let twice = 0;
		for (let i = 0; i < scores.length; i++)
			for (let j = 0; j < scores.length; j++)
				if (positive[i] && !positive[j]) twice += scores[i] > scores[j] ? 2 : scores[i] === scores[j] ? 1 : 0;
		expect(twiceU(scores, positive)).toBe(twice);
	});

	it('quantile interpolates between order statistics', () => {
		expect(quantile([4, 1, 3, 2, 5], 0.5)).toBe(3);
		expect(quantile([1, 2], 0.25)).toBeCloseTo(1.25, 12);
	});
});

describe('(a) one-pixel probes', () => {
	it('leak=train: the watermark pixel\'s probe scores ≥ 99%, 30+ points above any other pixel', { timeout: 300_000 }, async () => {
		const c = await checksFor({ ...NO_FAULTS, leak: 'train' });
		const acc = c.probe.map((r) => r / c.probeRows);
		const others = Math.max(...acc.filter((_, p) => p !== WATERMARK_PIXEL));
		console.log(`leak=train: watermark probe ${acc[WATERMARK_PIXEL]}, best other ${others}`);
		expect(acc[WATERMARK_PIXEL]).toBeGreaterThanOrEqual(0.99);
		expect(acc[WATERMARK_PIXEL] - others).toBeGreaterThanOrEqual(0.3);
	});

	it('no leak: the best pixel\'s probe stays under 60%', { timeout: 300_000 }, async () => {
		const c = await checksFor(NO_FAULTS);
		const acc = c.probe.map((r) => r / c.probeRows);
		console.log(`leak=off: best probe ${Math.max(...acc)}`);
		expect(Math.max(...acc)).toBeLessThan(0.6);
	});
});

describe('(b) nearest training image', () => {
	it('the graph\'s distances match a float64 brute force', { timeout: 300_000 }, async () => {
		const { train, val } = splitSets(64, SEED, { ...NO_FAULTS, leak: 'dup' });
		const graph = await nearestDistances(train, val, 'wasm');
		for (const v of [0, 1, 17, 500, 999]) {
			let best = Infinity;
			for (let t = 0; t < train.count; t++) {
				let d2 = 0;
				for (let p = 0; p < PIXELS; p++) d2 += (val.images[v * PIXELS + p] - train.images[t * PIXELS + p]) ** 2;
				best = Math.min(best, d2);
			}
			expect(graph[v]).toBeCloseTo(Math.sqrt(best), 2);
		}
	});

	it('dup: ≥ 95% of the copies are flagged, and few others', { timeout: 300_000 }, async () => {
		const c = await checksFor({ ...NO_FAULTS, leak: 'dup' });
		const { copies, copiesFlagged, flagged } = c.nearest;
		console.log(`dup: ${copiesFlagged} of ${copies} copies flagged (${flagged} flagged in all) under ${FLAG_DISTANCE}`);
		expect(copies).toBe(200);
		expect(copiesFlagged / copies).toBeGreaterThanOrEqual(0.95);
		expect(flagged - copiesFlagged).toBeLessThanOrEqual(0.05 * copies);
		const clean = await checksFor(NO_FAULTS);
		expect(clean.nearest.flagged).toBe(0);
	});
});

describe('(c) adversarial validation', () => {
	it('time split with shift 1: AUC ≥ 0.8, above the permutation band', { timeout: 300_000 }, async () => {
		const { auc, band } = adversarialSummary((await checksFor({ leak: 'off', split: 'time', shift: 1 })).adversarial);
		console.log(`time split, shift 1: AUC ${auc}, band ${band}`);
		expect(auc).toBeGreaterThanOrEqual(0.8);
		expect(auc).toBeGreaterThan(band[1]);
	});

	it('random split with shift 1: AUC inside the 95% permutation band', { timeout: 300_000 }, async () => {
		const { auc, band } = adversarialSummary((await checksFor({ leak: 'off', split: 'random', shift: 1 })).adversarial);
		console.log(`random split, shift 1: AUC ${auc}, band ${band}`);
		expect(auc).toBeGreaterThanOrEqual(band[0]);
		expect(auc).toBeLessThanOrEqual(band[1]);
	});
});
