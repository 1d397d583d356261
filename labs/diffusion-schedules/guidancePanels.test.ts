/**
 * Figure 5 at first paint: the build's results carry the guided and unguided samples of the
 * default setting, and the figure shows them only while the reader's setting is theirs (the
 * unguided panel does not depend on w; the guided one does).
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { DiffController } from './controller.svelte';
import { GUIDED_COUNT, guidanceScore } from './guidanceScore';
import { runSampling } from './compute';
import { LABELLED_MIXTURE_SCORE, labelledMixture, MIXTURE_CLASSES } from './data';
import { schema } from './lab';

describe("figure 5's samples from the build", () => {
	it('are the sampler run of the default setting, and show until the setting leaves them', async () => {
		const state = defaults(schema);
		const lab = new DiffController();
		const results = await lab.computeFor(state, 'wasm');
		const labels = Int32Array.from({ length: GUIDED_COUNT }, (_, i) => i % MIXTURE_CLASSES);
		// The same samples as a run of the figure's own sampler at w = 0.
		const unguided = await runSampling({
			backend: 'wasm',
			data: 'mixture',
			schedule: lab.scheduleOf(state.schedule, state),
			sampler: 'ddim',
			steps: Math.min(50, state.T),
			count: GUIDED_COUNT,
			seed: state.seed,
			condition: { classes: MIXTURE_CLASSES, labels, guidance: 0 }
		});
		expect(results.guidance!.unguided).toEqual(Array.from(unguided.x));
		expect(results.guidance!.guided).toHaveLength(2 * GUIDED_COUNT);

		lab.seed({ state, results, omitted: [] });
		const panels = lab.guidancePanels;
		expect(Array.from(panels.guided.points!)).toEqual(results.guidance!.guided);
		expect(panels.guided.score).toEqual(guidanceScore(Float32Array.from(results.guidance!.guided), labels));
		// Guidance at the default w > 0 puts more samples nearest their own class than none does.
		expect(state.guidance).toBeGreaterThan(0);
		expect(panels.guided.score!.accuracy).toBeGreaterThan(panels.unguided.score!.accuracy);

		lab.set({ guidance: state.guidance + 1 });
		expect(lab.guidancePanels.guided).toEqual({ points: null, score: null });
		expect(lab.guidancePanels.unguided.points).not.toBeNull();
		lab.set({ seed: state.seed + 1 });
		expect(lab.guidancePanels.unguided).toEqual({ points: null, score: null });
	}, 120_000);
});

describe('the data themselves, which the figure quotes', () => {
	it('score Φ(R/(√2σ))² on their own class and spread σ√2, as 200 000 draws of them do', () => {
		const data = labelledMixture(200_000, 5);
		const drawn = guidanceScore(data.points, data.labels);
		// Binomial standard error at n = 200 000 is below 0.001.
		expect(Math.abs(drawn.accuracy - LABELLED_MIXTURE_SCORE.accuracy)).toBeLessThan(0.004);
		expect(Math.abs(drawn.spread - LABELLED_MIXTURE_SCORE.spread)).toBeLessThan(0.005);
		// The figure's sentence rounds them to these.
		expect(LABELLED_MIXTURE_SCORE.accuracy).toBeCloseTo(0.849, 3);
		expect(LABELLED_MIXTURE_SCORE.spread).toBeCloseTo(0.778, 3);
	});
});
