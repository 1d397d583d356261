/**
 * Figure 6's build-time recording (recorded/train.json) is what a fresh run of the same training
 * job and DDIM-50 sampling gives now: a change to the denoiser, its data, the schedule, the
 * training code or the sampler that moves the curve or the samples fails here and says to run
 * `npm run record`.
 */
import { describe, it } from 'vitest';
import { expectRecordingUpToDate } from '../../tests/support/recording';

describe('figure 6: the build-time recording', () => {
	it('equals a fresh run of the default settings', { timeout: 600_000 }, () => expectRecordingUpToDate('diffusion-schedules/train'));
});
