/**
 * Figure 4's first paint: the build's DDIM run (DiffController.computeFor) is the run the live
 * page starts for the same settings, and it belongs only to those settings. The reference here
 * samples the shipped denoiser directly with the figure's spec (400 points, DDIM with the
 * default k = 50 on the default schedule and seed), not through the controller's code path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { createSession, runSession } from '../../tests/support/ort';
import { DiffController } from './controller.svelte';
import { dataset } from './data';
import { makeDenoise } from './denoise';
import { schema } from './lab';
import { mmd } from './quality';
import { sample } from './sampler';
import { makeSchedule } from './schedules';
import { spread } from './spread';

const state = defaults(schema);

describe("figure 4's DDIM run, sampled when the site is built", () => {
	it('is the 400-point, 50-step DDIM run of the default settings, to three decimals, with every step of 30 trails', async () => {
		const built = (await new DiffController().computeFor(state, 'wasm')).ddim!;

		const session = await createSession(new Uint8Array(readFileSync(new URL(`../../static/models/diffusion-${state.data}.onnx`, import.meta.url))));
		const denoise = makeDenoise(async (feeds) => (await runSession(session, feeds)).prediction.data as Float32Array);
		const schedule = makeSchedule(state.schedule as 'cosine', state.T);
		const reference = await sample({ schedule, sampler: 'ddim', steps: 50, count: 400, seed: state.seed, denoise, trajectoryEvery: 1 });

		expect(built.points).toHaveLength(800);
		const worst = Math.max(...built.points.map((v, i) => Math.abs(v - reference.x[i])));
		expect(worst).toBeLessThanOrEqual(0.0005 + 1e-6);
		expect(built.trails).toHaveLength(51);
		for (const [step, frame] of built.trails.entries()) {
			expect(frame).toHaveLength(60);
			frame.forEach((v, i) => expect(Math.abs(v - reference.trajectory[step][i])).toBeLessThanOrEqual(0.0005 + 1e-6));
		}
		const data = dataset(state.data, 400, 7001).points;
		expect(built.mmd).toBeCloseTo(mmd(reference.x, data), 6);
		expect(built.spread).toBeCloseTo(spread(reference.x) / spread(data), 6);
	}, 120_000);

	it('stands in for the live run only while the settings are the ones it was sampled for', async () => {
		const lab = new DiffController();
		const results = await lab.computeFor(state, 'wasm');
		lab.seed({ state, results, omitted: [] });
		expect(lab.builtDdim?.track.points).toHaveLength(800);
		for (const change of [{ steps: 20 }, { seed: 2 }, { schedule: 'linear' as const }, { data: 'spiral' as const }, { T: 500 }]) {
			lab.state = { ...state, ...change };
			expect(lab.builtDdim, JSON.stringify(change)).toBeNull();
		}
		// What the DDIM run does not depend on leaves it standing.
		lab.state = { ...state, t: 100, guidance: 5, sampler: 'ddpm' };
		expect(lab.builtDdim).not.toBeNull();
	}, 120_000);
});
