/**
 * Figures 1's and 4's build-time recordings (recorded/symptom.json, recorded/fixes.json) are what
 * fresh runs of the default settings give now: a change to the data, the model or the training
 * code that moves the curves fails here and says to run `npm run record`.
 */
import { describe, it } from 'vitest';
import { expectRecordingUpToDate } from '../../tests/support/recording';

describe('figure 1: the build-time recording', () => {
	// 1200 AdamW steps and 151 evaluations of 1256 images: about 15 s of CPU time.
	it('equals a fresh run of the default settings', { timeout: 600_000 }, () => expectRecordingUpToDate('overfitting/symptom'));
});

describe('figure 4: the build-time recording', () => {
	// Six runs of 240 AdamW steps, each evaluated on 1256 images every epoch: about 6 s here.
	it('equals fresh runs of the default settings and fix strengths', { timeout: 600_000 }, () => expectRecordingUpToDate('overfitting/fixes'));
});
