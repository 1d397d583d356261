/**
 * Figure 5's build-time recording (recorded/implicit.json) is what fresh runs give now: the same
 * problem (step size, Φ⁺y, the random start's limit) and the same iterates. Both runs take
 * 100,000 steps (about 20 s here); gradient descent at a fixed step size is the same whatever its
 * length, so the test runs the first 1,000 and compares every reading up to there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../tests/support/ort';
import * as ort from 'onnxruntime-web';
import { firstDifference } from '../../tests/support/recording';
import { recordingPath } from '../../scripts/record/registry';
import type { RecordedImplicit } from './recorded';
import { recordImplicit } from './recording';

const CHECKED_STEPS = 1000;

describe('figure 5: the build-time recording', () => {
	it(`equals fresh runs of the default settings, every reading up to step ${CHECKED_STEPS}`, { timeout: 300_000 }, async () => {
		const committed: RecordedImplicit = JSON.parse(readFileSync(recordingPath('double-descent/implicit'), 'utf8'));
		const fresh = JSON.parse(JSON.stringify(await recordImplicit(ort, CHECKED_STEPS))) as RecordedImplicit;
		const early = { ...committed, runs: committed.runs.map((r) => ({ ...r, points: r.points.filter(([step]) => step <= CHECKED_STEPS) })) };
		expect(early.runs.every((r) => r.points.length > 30)).toBe(true);
		const difference = firstDifference(fresh, early);
		expect(difference, `labs/double-descent/recorded/implicit.json no longer matches fresh runs (${difference}); if that is intended, run \`npm run record -- double-descent/implicit\`.`).toBeNull();
		// The recording runs to the end the setup asks for.
		for (const run of committed.runs) expect(run.points.at(-1)![0]).toBe(committed.view.steps);
	});
});
