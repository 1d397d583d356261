/**
 * Figure 5's build-time recording (recorded/implicit.json) is what fresh runs give now: the same
 * problem (step size, Φ⁺y, the random start's limit) and the same iterates. Both runs take
 * 100,000 steps (about 20 s here); gradient descent at a fixed step size is the same whatever its
 * length, so the test runs the first 1,000 and compares every reading up to there.
 */
import { describe, expect, it } from 'vitest';
import '../../tests/support/ort';
import * as ort from 'onnxruntime-web';
import { committedRecording, expectMatchesRecording } from '../../tests/support/recording';
import type { RecordedImplicit } from './recorded';
import { recordImplicit } from './recording';

const CHECKED_STEPS = 1000;

describe('figure 5: the build-time recording', () => {
	it(`equals fresh runs of the default settings, every reading up to step ${CHECKED_STEPS}`, { timeout: 300_000 }, async () => {
		const committed = committedRecording<RecordedImplicit>('double-descent/implicit');
		const early = (r: RecordedImplicit) => ({ ...r, runs: r.runs.map((run) => ({ ...run, points: run.points.filter(([step]) => step <= CHECKED_STEPS) })) });
		expect(early(committed).runs.every((r) => r.points.length > 30)).toBe(true);
		expectMatchesRecording('double-descent/implicit', await recordImplicit(ort, CHECKED_STEPS), early);
		// The recording runs to the end the setup asks for.
		for (const run of committed.runs) expect(run.points.at(-1)![0]).toBe(committed.view.steps);
	});
});
