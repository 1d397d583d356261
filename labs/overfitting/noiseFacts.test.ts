/**
 * The spec's label-noise facts and checkpoint 4, on runs driven here (n = 256, width 256, the
 * default rate and seed): accuracies recounted from each probe's log-probabilities with this
 * file's own arg-max, the best-validation epoch as the minimum of the 5-epoch average of the
 * validation loss (figure 1's definition), recomputed here. Long: 7 to 8 minutes on one WASM
 * thread on the shared 2-core machine under heavy load (the ρ = 1 run of 500 epochs is most of it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../tests/support/ort';
import * as ort from 'onnxruntime-web';
import { isRight } from '$lib/practice/types';
import { driveJob } from '$lib/recorded/drive';
import checkpoints, { RATIO_BANDS } from './checkpoints';
import { CLASSES, N_VAL, splitSets } from './glyphs';
import { schema, type OverfittingState } from './lab';
import { noisyLabels } from './noise';
import { noiseJob } from './noiseJob';
import { stepsPerEpoch } from './settings';

const BASE = { n: 256, width: 256, lr: 1e-3, seed: 1 };
const { train, val } = splitSets(BASE.n, BASE.seed);
const perEpoch = stepsPerEpoch(BASE.n);

interface Reading {
	epoch: number;
	/** Against the labels trained on: all, kept, redrawn. */
	all: number;
	kept: number;
	redrawn: number;
	valAcc: number;
	valLoss: number;
}

async function drive(noise: number, epochs: number): Promise<Reading[]> {
	const run = await driveJob(ort as never, noiseJob({ ...BASE, epochs, noise }));
	expect(run.status).toBe('done');
	const { labels, relabelled } = noisyLabels(train, noise, BASE.seed);
	const predicted = (values: Float32Array, row: number) => {
		const r = Array.from(values.subarray(row * CLASSES, (row + 1) * CLASSES));
		return r.indexOf(Math.max(...r));
	};
	return run.probes.map(({ step, values }) => {
		const right = [0, 0];
		const count = [0, 0];
		for (let i = 0; i < BASE.n; i++) {
			count[relabelled[i]]++;
			if (predicted(values, i) === labels[i]) right[relabelled[i]]++;
		}
		let valRight = 0;
		let valLoss = 0;
		for (let i = 0; i < N_VAL; i++) {
			if (predicted(values, BASE.n + i) === val.labels[i]) valRight++;
			valLoss -= values[(BASE.n + i) * CLASSES + val.labels[i]];
		}
		return { epoch: step / perEpoch, all: (right[0] + right[1]) / BASE.n, kept: right[0] / count[0], redrawn: right[1] / count[1], valAcc: valRight / N_VAL, valLoss: valLoss / N_VAL };
	});
}

const firstFit = (r: Reading[]) => r.find((p) => p.all === 1)?.epoch ?? null;
const pct = (a: number) => `${(100 * a).toFixed(1)}%`;

let clean: Reading[];
let random: Reading[];
let forty: Reading[];

beforeAll(async () => {
	const t0 = Date.now();
	clean = await drive(0, 100);
	random = await drive(1, 500);
	forty = await drive(0.4, 150);
	console.log(`label-noise runs driven in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}, 1_200_000);

describe('ρ = 1, n = 256, width 256 (Zhang et al. 2017)', () => {
	it('reaches 100% training accuracy within 500 epochs, later than with the true labels', () => {
		const trueFit = firstFit(clean);
		const randomFit = firstFit(random);
		console.log(`100% training accuracy: epoch ${trueFit} with true labels, ${randomFit} with random labels`);
		expect(trueFit).not.toBeNull();
		expect(randomFit).not.toBeNull();
		expect(randomFit!).toBeLessThanOrEqual(500);
		expect(randomFit!).toBeGreaterThan(trueFit!);
	});

	// The spec's 25% ± 2.7 does not hold here: the run ends at 22.1%, 2.1 SE below chance (and
	// at 21.8% when it first fits, epoch 9). Kept as the spec states it, expected to fail, so that a
	// change that makes it hold is noticed; the report says so.
	it.fails('ends with validation accuracy within 2 SE (2.7 points) of the 25% of chance', () => {
		const last = random.at(-1)!;
		console.log(`ρ = 1: validation ${pct(last.valAcc)} at epoch ${last.epoch}, ${pct(random.find((p) => p.all === 1)!.valAcc)} when first fitted`);
		const twoSe = 2 * Math.sqrt((0.25 * 0.75) / N_VAL);
		expect(Math.abs(last.valAcc - 1 / CLASSES)).toBeLessThanOrEqual(twoSe);
	});

	it('ends with validation accuracy far below the true labels’ run, within 4 SE of chance', () => {
		const last = random.at(-1)!;
		expect(Math.abs(last.valAcc - 1 / CLASSES)).toBeLessThanOrEqual(4 * Math.sqrt((0.25 * 0.75) / N_VAL));
		expect(clean.at(-1)!.valAcc - last.valAcc).toBeGreaterThan(0.3);
	});
});

describe('ρ = 0.4 (Arpit et al. 2017)', () => {
	const best = () => {
		const loss = forty.map((p) => p.valLoss);
		const avg = loss.map((_, i) => {
			const w = loss.slice(Math.max(0, i - 2), Math.min(loss.length, i + 3));
			return w.reduce((a, b) => a + b, 0) / w.length;
		});
		return forty[avg.indexOf(Math.min(...avg))];
	};

	it('fits the kept labels first: at the best-validation epoch they score ≥ 90%, and more than the redrawn ones', () => {
		const b = best();
		console.log(`ρ = 0.4, best-validation epoch ${b.epoch}: kept ${pct(b.kept)}, redrawn ${pct(b.redrawn)}, validation ${pct(b.valAcc)}; last: kept ${pct(forty.at(-1)!.kept)}, redrawn ${pct(forty.at(-1)!.redrawn)}, validation ${pct(forty.at(-1)!.valAcc)}`);
		expect(b.kept).toBeGreaterThanOrEqual(0.9);
		expect(b.kept).toBeGreaterThan(b.redrawn);
		// Kept ahead of redrawn at every epoch before both are fitted.
		for (const p of forty.slice(1)) if (p.kept < 1) expect(p.kept).toBeGreaterThan(p.redrawn);
	});

	// The spec's ≤ 50% on redrawn labels does not hold here: this wide net at η = 1e-3 memorizes
	// noise within a few epochs, and at the best-validation epoch (5) the redrawn labels already
	// score 92%. Kept as stated, expected to fail; the report says so.
	it.fails('scores ≤ 50% on the redrawn labels at the best-validation epoch', () => {
		expect(best().redrawn).toBeLessThanOrEqual(0.5);
	});

	it('then validation falls: the last epoch is more than 2 SE below the best', () => {
		const b = best();
		const last = forty.at(-1)!;
		expect(b.valAcc - last.valAcc).toBeGreaterThan(2 * Math.sqrt((b.valAcc * (1 - b.valAcc)) / N_VAL));
		expect(last.valLoss).toBeGreaterThan(b.valLoss);
	});
});

describe('checkpoint 4: random labels', () => {
	it('answers with the band of the runs’ epoch ratio', { timeout: 900_000 }, async () => {
		const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as OverfittingState;
		const cp = checkpoints.find((c) => c.id === 'random-labels')!;
		const state = { ...defaults, ...cp.settings(() => 0.5) } as OverfittingState;
		expect(state.noise).toBe(1);
		const solution = await cp.solve(state, 'wasm');
		// The checkpoint's runs are these runs cut at its epochs (same weights and batch order).
		const within = (r: Reading[]) => {
			const f = firstFit(r);
			return f !== null && f <= state.epochs ? f : null;
		};
		const trueFit = within(clean)!;
		const randomFit = within(random);
		const ratio = randomFit === null ? null : randomFit / trueFit;
		const band = ratio === null ? 'never' : ratio < 1.5 ? 'same' : ratio < 3 ? 'few' : ratio < 10 ? 'many' : 'lots';
		console.log(`checkpoint 4: ratio ${ratio} → ${band}`);
		expect(solution.expected).toEqual({ kind: 'choice', id: band });
		expect([...RATIO_BANDS.map((b) => b.id), 'never']).toContain(band);
		const kind = cp.answer(state);
		expect(isRight(kind, { kind: 'choice', id: band }, solution.expected)).toBe(true);
		expect(isRight(kind, { kind: 'choice', id: band === 'never' ? 'same' : 'never' }, solution.expected)).toBe(false);
	});
});
