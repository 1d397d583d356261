/**
 * Scene 3's caption, computed: at its state (split by time, drift 1, width 8, n = 2048, the other
 * controls at their defaults) figure 1's run (WASM in Node, its last epoch recounted here) and
 * figure 2's adversarial check; then the same images split at random, and clean images (no
 * drift) for what the network alone leaves. Three runs of 9600 small steps: about 40 s here.
 */
import { describe, expect, it } from 'vitest';
import '../../tests/support/ort';
import * as ort from 'onnxruntime-web';
import { driveJob } from '$lib/recorded/drive';
import { adversarialSummary } from './auc';
import { dataChecks } from './dataChecks';
import { CLASSES, N_VAL, NO_FAULTS, splitSets, type DataFaults } from './glyphs';
import { overfitting, schema } from './lab';
import { symptomJob } from './mlp';

const scene = overfitting.scenes.find((s) => s.id === 'time-split')!;
const state = { ...Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])), ...scene.state } as Record<string, never>;
const settings = { n: state.n as number, width: state.width as number, epochs: state.epochs as number, lr: state.lr as number, seed: state.seed as number };
const timeFaults: DataFaults = { leak: state.leak, split: state.split, shift: state.shift };
const randomFaults: DataFaults = { ...timeFaults, split: 'random' };

/** Training and validation accuracy after the last epoch, by this file's own arg-max. */
async function finalAccuracy(faults: DataFaults) {
	const run = await driveJob(ort as never, symptomJob({ ...settings, faults }));
	expect(run.status).toBe('done');
	const { train, val } = splitSets(settings.n, settings.seed, faults);
	const values = run.probes.at(-1)!.values;
	const acc = (labels: ArrayLike<number>, from: number) => {
		let right = 0;
		for (let i = 0; i < labels.length; i++) {
			const row = Array.from(values.subarray((from + i) * CLASSES, (from + i + 1) * CLASSES));
			if (row.indexOf(Math.max(...row)) === labels[i]) right++;
		}
		return right / labels.length;
	};
	const trainAcc = acc(train.labels, 0);
	const valAcc = acc(val.labels, train.count);
	return { trainAcc, valAcc, gap: trainAcc - valAcc };
}

const auc = async (faults: DataFaults) => adversarialSummary((await dataChecks(`scene3:${faults.split}`, splitSets(settings.n, settings.seed, faults), 'wasm', settings.seed)).adversarial);

describe('scene 3: time split with drift, width 8, n = 2048', () => {
	it('is the brief’s state', () => {
		expect(scene.state).toEqual({ split: 'time', shift: 1, width: 8, n: 2048 });
		expect(scene.figures).toEqual(['symptom']);
	});

	it('AUC ≥ 0.8 and above the permutation band; a random split falls inside it', { timeout: 300_000 }, async () => {
		const time = await auc(timeFaults);
		const random = await auc(randomFaults);
		console.log(`scene 3: AUC time ${time.auc} band ${time.band}; random ${random.auc} band ${random.band}`);
		expect(time.auc).toBeGreaterThanOrEqual(0.8);
		expect(time.auc).toBeGreaterThan(time.band[1]);
		expect(random.auc).toBeGreaterThanOrEqual(random.band[0]);
		expect(random.auc).toBeLessThanOrEqual(random.band[1]);
	});

	it('more than 25 points of gap at the end; at random, validation 5 points or more higher, and the gap left is the clean data’s', { timeout: 600_000 }, async () => {
		const time = await finalAccuracy(timeFaults);
		const random = await finalAccuracy(randomFaults);
		const clean = await finalAccuracy({ ...NO_FAULTS });
		console.log(`scene 3, last epoch: time split ${JSON.stringify(time)}; random ${JSON.stringify(random)}; clean ${JSON.stringify(clean)}`);
		expect(time.gap).toBeGreaterThan(0.25);
		expect(random.valAcc - time.valAcc).toBeGreaterThanOrEqual(0.05);
		expect(random.gap).toBeLessThan(time.gap);
		// Within 2 standard errors of a validation accuracy: drift no longer adds to the gap.
		const se = Math.sqrt((clean.valAcc * (1 - clean.valAcc)) / N_VAL);
		expect(Math.abs(random.gap - clean.gap)).toBeLessThan(2 * se);
	});
});
