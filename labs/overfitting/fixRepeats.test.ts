/** Figure 4 over several seeds: the tracks it trains, and how their repeats combine into one panel. */
import { describe, expect, it } from 'vitest';
import { meanCurve, meanOutcome, type RunOutcome } from './fixes';
import { fixRepeats, trainedOf } from './fixesRun';
import { TRAINED } from './fixRuns';

const outcome = (best: number, bestEpoch: number, final: number, se = 0.02): RunOutcome => ({
	best: { epoch: bestEpoch, valLoss: best, se },
	final: { epoch: 30, valLoss: final, se }
});

describe('figure 4 repeated over seeds', () => {
	it('trains every run once per seed, the first repeat under the run’s own id', () => {
		expect(fixRepeats(1).map((r) => r.id)).toEqual([...TRAINED]);
		const three = fixRepeats(3);
		expect(three).toHaveLength(3 * TRAINED.length);
		expect(three.filter((r) => r.run === 'small').map((r) => [r.id, r.repeat])).toEqual([
			['small', 0],
			['small-s1', 1],
			['small-s2', 2]
		]);
		for (const r of three) expect(trainedOf(r.id)).toBe(r.run);
	});

	it('one seed keeps its SE over the validation images; several give the mean and the SE over the seeds', () => {
		const one = outcome(0.5, 12, 0.9, 0.03);
		expect(meanOutcome([one])).toEqual(one);
		// Finals 0.8, 0.9, 1.3: mean 1, sample variance ((0.2)² + (0.1)² + (0.3)²) / 2 = 0.07, SE √(0.07 / 3).
		const m = meanOutcome([outcome(0.4, 10, 0.8), outcome(0.5, 12, 0.9), outcome(0.6, 17, 1.3)]);
		expect(m.final.valLoss).toBeCloseTo(1, 12);
		expect(m.final.se).toBeCloseTo(Math.sqrt(0.07 / 3), 12);
		expect(m.best.valLoss).toBeCloseTo(0.5, 12);
		expect(m.best.se).toBeCloseTo(Math.sqrt(0.01 / 3), 12);
		expect(m.best.epoch).toBe(13);
	});

	it('averages the repeats’ curves over the epochs all of them have reached', () => {
		const at = (epoch: number, v: number) => ({ epoch, trainLoss: v, trainAcc: v / 10, valLoss: 2 * v, valAcc: v / 20, valSE: 0.01 });
		const curve = meanCurve([
			[at(0, 1), at(1, 3), at(2, 5)],
			[at(0, 3), at(1, 5)]
		]);
		expect(curve.map((p) => p.epoch)).toEqual([0, 1]);
		expect(curve[1].trainLoss).toBeCloseTo(4, 12);
		expect(curve[1].valLoss).toBeCloseTo(8, 12);
		expect(curve[0].valAcc).toBeCloseTo(0.1, 12);
	});
});
