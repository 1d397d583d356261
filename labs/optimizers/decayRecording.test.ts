/**
 * Figure 6's build-time recording (recorded/decay.json) is what a fresh run of both optimizers
 * gives now (else: `npm run record -- optimizers/decay`); then what the article and scene 6 say of
 * the runs, checked on a fresh run at the default η and λ.
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { defaults } from '$lib/state/schema';
import { expectRecordingUpToDate } from '../../tests/support/recording';
import { decaySettings } from './decay';
import { driveDecay } from './driveDecay';
import { schema } from './lab';

describe('figure 6: AdamW against Adam + L2', () => {
	// 2 × 150 full-batch steps: about 8 s on a busy machine.
	it('the recording equals a fresh run', { timeout: 300_000 }, () => expectRecordingUpToDate('optimizers/decay'));

	it('AdamW’s decay is ηλθ for every weight; Adam + L2’s is (1 − β₁)/(√v̂ + ε) of it; Adam + L2 ends at over ten times AdamW’s validation loss', { timeout: 300_000 }, async () => {
		const settings = decaySettings(defaults(schema));
		const l2 = (await driveDecay(ort as never, 'adam', settings))!;
		const w = (await driveDecay(ort as never, 'adamw', settings))!;
		expect([l2.status, w.status]).toEqual(['done', 'done']);

		expect(w.weights.length).toBeGreaterThan(100);
		for (const x of w.weights) expect(Math.abs(x.decay - 1)).toBeLessThan(0.01);
		// One step's share of λθ enters m as (1 − β₁)λθ; the bias correction 1 − β₁¹⁵¹ is 1.
		expect(l2.weights.length).toBeGreaterThan(100);
		const off = l2.weights.map((x) => Math.abs((x.decay * (x.sqrtV + 1e-8)) / 0.1 - 1)).sort((a, b) => a - b);
		expect(off[Math.floor(off.length * 0.9)]).toBeLessThan(0.05);

		const final = (r: typeof w) => r.points.at(-1)!;
		expect(final(l2).val).toBeGreaterThan(10 * final(w).val);
		// L2 through Adam shrinks the weights; AdamW's same λ does not stop them growing.
		expect(final(l2).norm).toBeLessThan(l2.points[0].norm);
		expect(final(w).norm).toBeGreaterThan(w.points[0].norm);
	});
});
