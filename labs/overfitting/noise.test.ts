/** Label noise (noise.ts, noiseJob.ts): which labels change and how, the analytic ceiling against a simulated oracle, and the per-group scoring. */
import { describe, expect, it } from 'vitest';
import { CLASSES, splitSets } from './glyphs';
import { glyphDataset, symptomJob } from './mlp';
import { noiseCeiling, noisePoint, noisyLabels } from './noise';
import { noiseJob } from './noiseJob';
import { RECORDED_SETTINGS } from './recording';

const SETTINGS = { n: 256, width: 16, epochs: 10, lr: 1e-3, seed: 3 };
const labelsOf = (job: ReturnType<typeof symptomJob>) => Array.from(job.batches.dataset.tensors.label.data as BigInt64Array, Number);

describe('noisyLabels', () => {
	it('changes nothing at ρ = 0, and redraws round(ρ·n) labels, seeded', () => {
		const { train } = splitSets(200, 4);
		const zero = noisyLabels(train, 0, 4);
		expect(Array.from(zero.labels)).toEqual(Array.from(train.labels));
		expect(zero.relabelled.every((v) => v === 0)).toBe(true);
		for (const rho of [0.1, 0.4, 1]) {
			const a = noisyLabels(train, rho, 4);
			expect(a.relabelled.reduce((s, v) => s + v, 0)).toBe(Math.round(rho * 200));
			expect(Array.from(noisyLabels(train, rho, 4).labels)).toEqual(Array.from(a.labels));
			// Kept labels are the drawn classes; every label is a class.
			train.labels.forEach((c, i) => {
				if (!a.relabelled[i]) expect(a.labels[i]).toBe(c);
				expect(a.labels[i]).toBeGreaterThanOrEqual(0);
				expect(a.labels[i]).toBeLessThan(CLASSES);
			});
		}
		expect(Array.from(noisyLabels(train, 0.4, 5).relabelled)).not.toEqual(Array.from(noisyLabels(train, 0.4, 4).relabelled));
	});

	it('redraws uniformly: each class about 1/K of the redrawn labels, the true one included', () => {
		const { train } = splitSets(20_000, 2);
		const { labels, relabelled } = noisyLabels(train, 1, 2);
		const counts = new Array(CLASSES).fill(0);
		let same = 0;
		labels.forEach((c, i) => {
			counts[c]++;
			if (relabelled[i] && c === train.labels[i]) same++;
		});
		// Binomial(20 000, 1/4): SE about 61; 4 SE either side.
		const se = Math.sqrt(20_000 * 0.25 * 0.75);
		for (const c of counts) expect(Math.abs(c - 5000)).toBeLessThan(4 * se);
		expect(Math.abs(same - 5000)).toBeLessThan(4 * se);
	});
});

describe('the noise-free ceiling 1 − ρ(K − 1)/K (analytic)', () => {
	it('is what a classifier that predicts every true class scores against the noisy labels', () => {
		const { train } = splitSets(20_000, 6);
		for (const rho of [0, 0.4, 1]) {
			const { labels } = noisyLabels(train, rho, 6);
			let right = 0;
			labels.forEach((c, i) => (right += c === train.labels[i] ? 1 : 0));
			const measured = right / train.count;
			const expected = rho === 0 ? 1 : 1 - rho + rho / CLASSES;
			expect(noiseCeiling(rho)).toBeCloseTo(expected, 12);
			expect(Math.abs(measured - expected)).toBeLessThanOrEqual(4 * Math.sqrt((expected * (1 - expected)) / train.count) + 1e-12);
		}
		expect(noiseCeiling(1)).toBe(0.25);
	});
});

describe('noisePoint', () => {
	it('scores kept and redrawn labels apart, and validation against its own labels', () => {
		// 3 training rows (rows 0 and 2 redrawn), 2 validation rows; log-probabilities with one clear arg-max each.
		const row = (c: number) => Array.from({ length: CLASSES }, (_, k) => (k === c ? Math.log(0.7) : Math.log(0.1)));
		const logProbs = [...row(1), ...row(2), ...row(0), ...row(3), ...row(1)];
		const noisy = { labels: Int32Array.of(1, 2, 3), relabelled: Uint8Array.of(1, 0, 1) };
		const p = noisePoint(4, logProbs, noisy, [3, 0]);
		expect(p.epoch).toBe(4);
		expect(p.cleanAcc).toBe(1);
		expect(p.noisyAcc).toBe(0.5);
		expect(p.trainAcc).toBeCloseTo(2 / 3, 12);
		expect(p.valAcc).toBe(0.5);
		expect(p.trainLoss).toBeCloseTo(-(2 * Math.log(0.7) + Math.log(0.1)) / 3, 12);
		expect(p.valLoss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.1)) / 2, 12);
		expect(noisePoint(0, logProbs, { labels: Int32Array.of(1, 2, 0), relabelled: new Uint8Array(3) }, [3, 1]).noisyAcc).toBeNaN();
	});
});

describe('noiseJob', () => {
	it('is figure 1’s job with only the training labels changed', () => {
		const base = symptomJob(SETTINGS);
		const zero = noiseJob({ ...SETTINGS, noise: 0 });
		expect(labelsOf(zero)).toEqual(labelsOf(base));
		const noisy = noiseJob({ ...SETTINGS, noise: 0.4 });
		const { train } = splitSets(SETTINGS.n, SETTINGS.seed);
		expect(labelsOf(noisy)).toEqual(Array.from(noisyLabels(train, 0.4, SETTINGS.seed).labels));
		expect(noisy.batches.dataset.tensors.x.data).toEqual(glyphDataset(train).tensors.x.data);
		// Same weights, batch order, probe (the validation images are in it, unchanged), and length.
		expect(noisy.params).toEqual(base.params);
		expect(noisy.batches.seed).toBe(base.batches.seed);
		expect(noisy.probe!.feeds).toEqual(base.probe!.feeds);
		expect(noisy.maxSteps).toBe(base.maxSteps);
	});

	it('at ρ = 0 and the default settings is the very job of figure 1’s recording, which figure 6 then draws', () => {
		expect(noiseJob({ ...RECORDED_SETTINGS, noise: 0 })).toEqual(symptomJob(RECORDED_SETTINGS));
	});
});
