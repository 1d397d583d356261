/**
 * Numbers the vanishing-gradients article types, computed (the residual-highway claims are in
 * residualHighway.test.ts; the figures' readouts are live).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BATCH } from './compute';
import { schema } from './lab';
import type { RecordedTraining } from './recorded';

/** The default run, recorded at build time; recording.test.ts checks it equals a fresh run. */
const recorded: RecordedTraining = JSON.parse(readFileSync(new URL('./recorded/training.json', import.meta.url), 'utf8'));
const lastLoss = (id: string) => recorded.tracks.find((t) => t.id === id)!.losses.at(-1)![1];

const article = readFileSync(new URL('./index.svx', import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('the vanishing-gradients article’s typed numbers', () => {
	it('the sigmoid bound over twenty layers: 4^−19 ≈ 4 × 10^−12, hundreds of billions', () => {
		const factor = 4 ** -19;
		expect(Number(factor.toExponential(0))).toBe(4e-12);
		expect(1 / factor).toBeGreaterThan(1e11);
		expect(1 / factor).toBeLessThan(1e12);
		expect(schema.depth.default).toBe(20);
		expect(article).toContain('Twenty layers of that is a factor of $4^{-19} \\approx 4 \\times 10^{-12}$');
		expect(article).toContain('hundreds of billions of times smaller');
	});

	it('the batch the histograms are computed on; the depths the article suggests exist', () => {
		expect(article).toContain(`computed on a batch of ${BATCH} random inputs`);
		for (const depth of [5, 40, 50]) expect(depth).toBeLessThanOrEqual(schema.depth.max);
	});

	it('in the default run the sigmoid network’s loss ends far above both ReLU networks’', () => {
		expect(article).toContain('its loss falls far more slowly than the ReLU networks');
		const sigmoid = lastLoss('sigmoid-normal');
		for (const relu of ['relu-he', 'relu-he-residual']) expect(sigmoid).toBeGreaterThan(100 * lastLoss(relu));
	});
});
