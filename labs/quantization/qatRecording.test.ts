/**
 * PTQ vs QAT, the build-time recording (recorded/qat.json) is what a fresh run gives now: a
 * change to the quantizer, the model, the data or the training code that moves the curves fails
 * here and says to run `npm run record`.
 */
import { describe, it } from 'vitest';
import { expectRecordingUpToDate } from '../../tests/support/recording';

describe('PTQ vs QAT: the build-time recording', () => {
	// Two settings × two runs of 300 transformer steps with 13 probes each: about 25 s of CPU.
	it('equals fresh runs of the default settings and the W4A4 scene', { timeout: 600_000 }, () => expectRecordingUpToDate('quantization/qat'));
});
