/**
 * Figure 4 and scene 5, computed: the steps graph with a schedule against a float64 Adam written
 * here, and the warmup and decay statements of the article on the graph's own runs.
 */
import { describe, expect, it } from 'vitest';
import { createSession, runSession } from '../../tests/support/ort';
import { optimizers } from './lab';
import { buildStepsGraph } from './model';
import { EPS, type Hyper } from './optimizersList';
import { CHUNK, runRows, type RunFn } from './run';
import { SCHEDULE_RUNS, scheduleRows } from './scheduleRuns';
import { scheduleFactor, type ScheduleRunId } from './schedules';
import { hyperOf, type RunState } from './settings';
import { firstReboundFrom, firstRiseAboveStart, stepNorms } from './stepNorms';
import { surfaceValue, SURFACES, type SurfaceId, type SurfaceParams } from './surfaces';
import { schema } from './lab';

async function runner(id: SurfaceId, rows: number): Promise<RunFn> {
	const session = await createSession(buildStepsGraph(id, rows, CHUNK).toBytes());
	return (feeds) => runSession(session, feeds);
}

/** PyTorch's Adam with its rate scaled by s(t), float64, no noise. */
function adamScheduled(id: SurfaceId, p: SurfaceParams, h: Hyper, start: readonly [number, number], steps: number, s: (t: number) => number) {
	const th = [start[0], start[1]];
	const m = [0, 0];
	const v = [0, 0];
	const losses = [surfaceValue(id, p, th[0], th[1]).f];
	const path = [th[0], th[1]];
	for (let t = 1; t <= steps; t++) {
		const { grad } = surfaceValue(id, p, th[0], th[1]);
		for (let i = 0; i < 2; i++) {
			m[i] = h.beta * m[i] + (1 - h.beta) * grad[i];
			v[i] = h.beta2 * v[i] + (1 - h.beta2) * grad[i] ** 2;
			th[i] -= (h.alr * s(t) * (m[i] / (1 - h.beta ** t))) / (Math.sqrt(v[i] / (1 - h.beta2 ** t)) + EPS);
		}
		path.push(th[0], th[1]);
		losses.push(surfaceValue(id, p, th[0], th[1]).f);
	}
	return { losses, path };
}

const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as unknown as RunState;
const sceneState = (id: string): RunState => ({ ...defaults, ...optimizers.scenes.find((s) => s.id === id)!.state } as RunState);

describe('the steps graph under a schedule', () => {
	it('matches float64 Adam with each schedule, 60 steps on Rosenbrock', async () => {
		const state = { ...defaults, surface: 'rosenbrock' as const, steps: 60, warmup: 20 };
		const h = hyperOf(state);
		const start = SURFACES.rosenbrock.start(state);
		const got = await runRows(await runner('rosenbrock', SCHEDULE_RUNS.length), scheduleRows(state, h, start), state, 60);
		SCHEDULE_RUNS.forEach((id, i) => {
			const want = adamScheduled('rosenbrock', state, h, start, 60, (t) => scheduleFactor(id, t, 60, 20));
			for (let t = 0; t <= 60; t++) expect(Math.abs(got.losses[i][t] - want.losses[t]), `${id} at step ${t}`).toBeLessThan(1e-4 * Math.max(1, want.losses[t]));
		});
	});
});

describe('scene 5: Adam at a high rate, with and without warmup (Ma & Yarats 2021)', () => {
	const state = sceneState('warmup');
	const h = hyperOf(state);
	const start = SURFACES[state.surface].start(state);

	it('is Adam at η = 5 and β₂ = 0.99 with 2/(1 − β₂) = 200 warmup steps', () => {
		expect([h.alr, h.beta2, state.warmup]).toEqual([5, 0.99, 200]);
	});

	it('without warmup the loss rises above its start within 100 steps; with it, never in the run', async () => {
		const got = await runRows(await runner(state.surface, SCHEDULE_RUNS.length), scheduleRows(state, h, start), state, state.steps);
		const at = (id: ScheduleRunId) => SCHEDULE_RUNS.indexOf(id);
		const riseConst = firstRiseAboveStart(got.losses[at('const')]);
		expect(riseConst).not.toBeNull();
		expect(riseConst!).toBeLessThanOrEqual(100);
		expect(firstRiseAboveStart(got.losses[at('warmconst')])).toBeNull();
		// The first step has size η per coordinate (√2·η in 2-D) without warmup, η/W with it.
		expect(stepNorms(got.paths[at('const')])[0]).toBeCloseTo(Math.SQRT2 * 5, 4);
		expect(stepNorms(got.paths[at('warmconst')])[0]).toBeCloseTo((Math.SQRT2 * 5) / 200, 5);
		// The float64 reference says the same.
		const ref = (id: ScheduleRunId) => adamScheduled(state.surface, state, h, start, state.steps, (t) => scheduleFactor(id, t, state.steps, state.warmup));
		expect(firstRiseAboveStart(ref('const').losses)).toBe(riseConst);
		expect(firstRiseAboveStart(ref('warmconst').losses)).toBeNull();
	});

	it('at a constant rate both runs climb back up near step 350, each step growing again; the decaying schedules never do', async () => {
		const got = await runRows(await runner(state.surface, SCHEDULE_RUNS.length), scheduleRows(state, h, start), state, state.steps);
		const fStar = SURFACES[state.surface].fStar;
		const gaps = (i: number) => got.losses[i].map((f) => f - fStar);
		for (const id of ['const', 'warmconst'] as const) {
			const i = SCHEDULE_RUNS.indexOf(id);
			const t = firstReboundFrom(gaps(i));
			expect(t, id).not.toBeNull();
			expect(t!, id).toBeGreaterThanOrEqual(330);
			expect(t!, id).toBeLessThanOrEqual(370);
			// The step does not shrink with the gradient: after its smallest it is a thousand times larger again.
			const norms = stepNorms(got.paths[i]);
			const smallest = norms.indexOf(Math.min(...norms.slice(0, t!)));
			expect(Math.max(...norms.slice(smallest)), id).toBeGreaterThan(1000 * norms[smallest]);
		}
		for (const id of ['step', 'cosine', 'warmcos', 'onecycle'] as const) expect(firstReboundFrom(gaps(SCHEDULE_RUNS.indexOf(id))), id).toBeNull();
		// The float64 reference rebounds too (not at the same step: the tiny values are float32's here).
		const ref = adamScheduled(state.surface, state, h, start, state.steps, (t) => scheduleFactor('const', t, state.steps, state.warmup));
		expect(firstReboundFrom(ref.losses.map((f) => f - fStar))).not.toBeNull();
	});
});

describe('decay against a noisy gradient', () => {
	it('with noise σ = 0.3, constant Adam ends far above cosine decay (mean gap over the last 20 steps)', async () => {
		const state = { ...defaults, noise: 0.3, steps: 400 };
		const h = hyperOf(state);
		const start = SURFACES.quad.start(state);
		const got = await runRows(await runner('quad', SCHEDULE_RUNS.length), scheduleRows(state, h, start), state, state.steps, state.noise, state.seed);
		const tail = (id: ScheduleRunId) => {
			const l = got.losses[SCHEDULE_RUNS.indexOf(id)];
			return l.slice(-20).reduce((a, b) => a + b, 0) / 20;
		};
		expect(tail('const')).toBeGreaterThan(10 * tail('cosine'));
	});
});
