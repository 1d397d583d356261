/**
 * Figure 7's build-time recording (recorded/train.json) is what a fresh run gives now: the same
 * losses and the same heads at each snapshot. The whole run is 400 steps (about 8 s here); the
 * test trains the first CHECKED_STEPS, whose losses and snapshots are the whole run's.
 */
import { describe, expect, it } from 'vitest';
import '../../tests/support/ort';
import * as ort from 'onnxruntime-web';
import { committedRecording, expectMatchesRecording } from '../../tests/support/recording';
import type { RecordedTraining } from './recorded';
import { RECORDED_SNAPSHOT_STEPS, recordTraining } from './recording';

/** Past the second snapshot (step 100), so both come from inside the run, as in the whole one. */
const CHECKED_STEPS = 101;

describe('figure 7: the build-time recording', () => {
	it(`equals a fresh run's losses and snapshots up to step ${CHECKED_STEPS}`, { timeout: 300_000 }, async () => {
		const committed = committedRecording<RecordedTraining>('attention-heatmaps/train');
		expect(committed.snapshots.map((s) => s.step)).toEqual(RECORDED_SNAPSHOT_STEPS);
		const early = (r: RecordedTraining) => ({ ...r, losses: r.losses.filter(([step]) => step < CHECKED_STEPS), snapshots: r.snapshots.filter((s) => s.step < CHECKED_STEPS) });
		expect(early(committed).snapshots).toHaveLength(2);
		expectMatchesRecording('attention-heatmaps/train', await recordTraining(ort, CHECKED_STEPS), early);
	});
});
