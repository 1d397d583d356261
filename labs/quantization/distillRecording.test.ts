/**
 * Figure 6's build-time recording (recorded/distill.json) is what a fresh run gives now: a change
 * to the teacher, the students, the data or the training code that moves their regions or
 * curves fails here and says to run `npm run record`.
 */
import { describe, it } from 'vitest';
import { expectRecordingUpToDate } from '../../tests/support/recording';

describe('figure 6: the build-time recording', () => {
	// Two students × 800 full-batch steps and 17 probes each: a few seconds of CPU.
	it('equals a fresh run of the default settings', { timeout: 300_000 }, () => expectRecordingUpToDate('quantization/distill'));
});
