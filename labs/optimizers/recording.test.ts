/**
 * Figure 3's build-time recording (recorded/sweep.json) is what a fresh run of the six jobs gives
 * now; a change to the network, the data or the training code that moves a curve fails here and
 * says to run `npm run record -- optimizers/sweep`. Then what the article says of the sweep,
 * checked on that fresh run.
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { expectRecordingUpToDate } from '../../tests/support/recording';
import { driveSweep, type DrivenRate } from './driveSweep';

describe('figure 3: the sweep', () => {
	// 1,800 full-batch steps: about 6 s of CPU time.
	it('the recording equals a fresh run', { timeout: 300_000 }, () => expectRecordingUpToDate('optimizers/sweep'));

	it('crawls at the lowest rate, jumps and recovers past 2/λₘₐₓ, and never recovers at the highest', { timeout: 300_000 }, async () => {
		const { initSharpness } = await import('./initSharpness');
		const edge = 2 / (await initSharpness('wasm')).lambdaMax;
		const runs: DrivenRate[] = await driveSweep(ort as never);
		const loss = (r: DrivenRate) => r.losses.map((p) => p.loss);
		const start = loss(runs[0])[0];

		// Lowest rate: every reading below the one before, and still falling at the end.
		const low = loss(runs[0]);
		expect(low.every((l, i) => i === 0 || l < low[i - 1])).toBe(true);
		expect(low.at(-1)!).toBeLessThan(low.at(-2)!);

		// Some rate above 2/λₘₐₓ rises above its start, then ends below it.
		const catapults = runs.filter((r) => r.rate > edge && Math.max(...loss(r)) > start && loss(r).at(-1)! < start);
		expect(catapults.length).toBeGreaterThan(0);

		// The highest rate ends above its start, with every finite reading after the first above it.
		const high = loss(runs.at(-1)!);
		expect(high.at(-1)!).toBeGreaterThan(start);
		expect(high.slice(1).every((l) => !Number.isFinite(l) || l > start)).toBe(true);
		expect(runs.every((r) => r.status === 'done' || r.status === 'diverged')).toBe(true);
	});
});
