/**
 * Figures 1's, 3's and 4's build-time recordings (recorded/symptom.json, gap.json, fixes.json)
 * are what fresh runs of the default settings give now: a change to the data, the model or the
 * training code that moves the curves fails here and says to run `npm run record`.
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { committedRecording, expectMatchesRecording, expectRecordingUpToDate } from '../../tests/support/recording';
import { gapTiming } from './gapTiming';
import { recordedPoints, type RecordedSymptom } from './recorded';
import type { RecordedGap } from './recordedGap';
import { recordGap } from './recordingGap';


describe('figure 1: the build-time recording', () => {
	// 1200 AdamW steps and 151 evaluations of 1256 images: about 15 s of CPU time.
	it('equals a fresh run of the default settings', { timeout: 600_000 }, () => expectRecordingUpToDate('overfitting/symptom'));
});

describe('figure 4: the build-time recording', () => {
	// Six runs of 240 AdamW steps, each evaluated on 1256 images every epoch: about 6 s here.
	it('equals fresh runs of the default settings and fix strengths', { timeout: 600_000 }, () => expectRecordingUpToDate('overfitting/fixes'));
});

describe('figure 3: the build-time recording', () => {
	// All seven widths take about 25 s here: the four narrow ones are remade (about 3 s), and the
	// width-256 run is figure 1's, whose own recording is checked above.
	it('equals fresh runs at widths 8 to 64', { timeout: 600_000 }, async () => {
		const narrow = (r: RecordedGap) => ({ ...r, runs: r.runs.filter(([width]) => width <= 64) });
		expect(narrow(committedRecording<RecordedGap>('overfitting/gap')).runs).toHaveLength(4);
		expectMatchesRecording('overfitting/gap', await recordGap(ort, 64), narrow);
	});

	it('at width 256 reads what figure 1’s recording, the same run, gives', () => {
		const row = committedRecording<RecordedGap>('overfitting/gap').runs.find(([width]) => width === 256)!;
		const t = gapTiming(256, recordedPoints(committedRecording<RecordedSymptom>('overfitting/symptom')))!;
		expect(row.slice(0, 3)).toEqual([256, t.bestEpoch, t.lastEpoch]);
		expect(row[3]).toBeCloseTo(t.trainAcc, 3);
		expect(row[4]).toBeCloseTo(t.valAcc, 3);
	});
});
