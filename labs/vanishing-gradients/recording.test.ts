/**
 * Figure 5's build-time recording (recorded/training.json) is what a fresh run of the same three
 * jobs gives now: a change to the model, the data or the training code that moves the curves or
 * the boundaries fails here and says to run `npm run record`.
 */
import { describe, it } from 'vitest';
import { expectRecordingUpToDate } from '../../tests/support/recording';

describe('figure 5: the build-time recording', () => {
	// 900 training steps (three networks × 300) and 39 probes: about 25 s of CPU time (minutes of
	// wall clock on a busy machine, hence the long time-out).
	it('equals a fresh run of the default settings', { timeout: 600_000 }, () => expectRecordingUpToDate('vanishing-gradients/training'));
});
