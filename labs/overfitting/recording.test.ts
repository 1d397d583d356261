/**
 * Figure 1's build-time recording (recorded/symptom.json) is what a fresh run of the default
 * settings gives now: a change to the data, the model or the training code that moves the
 * curves fails here and says to run `npm run record`.
 */
import { describe, it } from 'vitest';
import { expectRecordingUpToDate } from '../../tests/support/recording';

describe('figure 1: the build-time recording', () => {
	// 1200 AdamW steps and 151 evaluations of 1256 images: about 15 s of CPU time.
	it('equals a fresh run of the default settings', { timeout: 600_000 }, () => expectRecordingUpToDate('overfitting/symptom'));
});
