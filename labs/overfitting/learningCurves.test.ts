/**
 * Figure 5: its build-time recording (recorded/learning.json) is what fresh runs give now, and
 * the spec's fact, measured on it: the gap between validation and training error narrows with n.
 * Remaking the whole sweep costs minutes (the n = 2048 runs are 64 steps an epoch); the test
 * remakes every run up to n = 256, which any change to the data, the model or the training code
 * moves as surely as it moves the large ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import '../../tests/support/ort';
import { firstDifference } from '../../tests/support/recording';
import { recordingPath, serializeRecording } from '../../scripts/record/registry';
import { CURVE_NS, curveGap, curvePoint, curveRepeats, curveRuns, curveWidths, meanPoint } from './learningCurves';
import type { RecordedCurves } from './recordedCurves';
import { recordCurves } from './recordingLearning';
import { schema } from './lab';

const committed = JSON.parse(readFileSync(recordingPath('overfitting/learning'), 'utf8')) as RecordedCurves;
const points = committed.runs.map(([n, width, trainAcc, valAcc]) => curvePoint(n, width, trainAcc, valAcc));

describe('figure 5: the build-time recording', () => {
	it('holds every run of the default sweep, in training order', () => {
		expect(committed.settings).toEqual({ width: schema.width.default, epochs: schema.epochs.default, lr: schema.lr.default, seed: schema.seed.default });
		expect(committed.runs.map(([n, width]) => ({ n, width }))).toEqual(curveRuns(schema.width.default));
	});

	it('equals fresh runs of the default settings up to n = 256', { timeout: 600_000 }, async () => {
		const fresh = JSON.parse(serializeRecording(await recordCurves(ort, 256))) as RecordedCurves;
		const small = { ...committed, runs: committed.runs.filter(([n]) => n <= 256) };
		expect(fresh.runs.length).toBe(8);
		const difference = firstDifference(fresh, small);
		expect(difference, `recorded/learning.json no longer matches fresh runs (${difference}): run \`npm run record -- overfitting/learning\` and commit it.`).toBeNull();
	});
});

describe('the spec\u2019s fact: the gap narrows with n', () => {
	for (const width of curveWidths(schema.width.default)) {
		it(`width ${width}: the gap at n = 2048 is under half the gap at n = 32, and validation error falls`, () => {
			const at = (n: number) => points.find((p) => p.width === width && p.n === n)!;
			const first = at(CURVE_NS[0]);
			const last = at(CURVE_NS[CURVE_NS.length - 1]);
			expect(curveGap(last)).toBeLessThan(curveGap(first) / 2);
			expect(last.valError).toBeLessThan(first.valError - 2 * (first.valSE + last.valSE));
			// The article: the validation error "falls as the set grows", at every step of n.
			const val = CURVE_NS.map((n) => at(n).valError);
			val.slice(1).forEach((e, i) => expect(e, `n = ${CURVE_NS[i + 1]}`).toBeLessThan(val[i]));
		});
	}

	// The article: "the training error stays near zero over the whole range".
	it('both networks fit every training set (training error under 2% at every n)', () => {
		for (const p of points) expect(p.trainError, `n = ${p.n}, width ${p.width}`).toBeLessThan(0.02);
	});
});

describe('repeats over seeds', () => {
	const at = (valError: number, trainError = 0) => ({ n: 64, width: 32, trainError, valError, valSE: 0.01 });

	it('run each (n, width) from seed, seed + 1, … in turn', () => {
		expect(curveRepeats(32, 2).slice(0, 4)).toEqual([
			{ n: 32, width: 32, repeat: 0 },
			{ n: 32, width: 32, repeat: 1 },
			{ n: 32, width: 8, repeat: 0 },
			{ n: 32, width: 8, repeat: 1 }
		]);
		expect(curveRepeats(256, 3)).toHaveLength(3 * curveRuns(256).length);
	});

	it('average into one point whose SE is over the repeats: s/√k', () => {
		const mean = meanPoint([at(0.2, 0.1), at(0.3, 0), at(0.4, 0.05)]);
		expect(mean.valError).toBeCloseTo(0.3, 12);
		expect(mean.trainError).toBeCloseTo(0.05, 12);
		// Sample standard deviation of 0.2, 0.3, 0.4 is 0.1.
		expect(mean.valSE).toBeCloseTo(0.1 / Math.sqrt(3), 12);
		// One run keeps its SE over the validation images.
		expect(meanPoint([at(0.25)]).valSE).toBe(0.01);
	});
});
