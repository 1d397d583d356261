/**
 * θ* of figure 1's `net` surface (recorded/net.json) is what a fresh training run gives now; a
 * change to the network, the data or the training code fails here and says to run
 * `npm run record -- optimizers/net`.
 */
import { describe, it } from 'vitest';
import { expectRecordingUpToDate } from '../../tests/support/recording';

describe('figure 1: θ* of the net surface', () => {
	// 1,000 full-batch Adam steps: about 8 s of CPU time.
	it('the recording equals a fresh run', { timeout: 300_000 }, () => expectRecordingUpToDate('optimizers/net'));
});
