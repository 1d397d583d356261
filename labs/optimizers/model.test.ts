/** The lab's ONNX graphs on onnxruntime-web (WASM, in Node) against the float64 references. */
import { describe, expect, it } from 'vitest';
import { createSession, runSession } from '../../tests/support/ort';
import { buildStepsGraph, buildSurfaceGraph, STEP_RATES, SURFACE_INPUTS, SURFACE_OUTPUT } from './model';
import { COEFFICIENTS, coefficients, OPTIMIZERS, type Hyper } from './optimizersList';
import { referenceRun } from './reference';
import { CHUNK, runRows, surfVector, type RunFn } from './run';
import { SURFACES, surfaceValue, type SurfaceId } from './surfaces';

const params = { kappa: 20, rot: 30 };

async function stepsRunner(id: SurfaceId, rows: number): Promise<RunFn> {
	const session = await createSession(buildStepsGraph(id, rows, CHUNK).toBytes());
	return (feeds) => runSession(session, feeds);
}

describe('surface graph', () => {
	it.each(['quad', 'rosenbrock', 'saddle'] as const)('computes f on %s at scattered points', async (id) => {
		const pts = [
			[-1.2, 1],
			[0.3, -0.7],
			[1, 1e-6],
			[2.5, -2]
		];
		const session = await createSession(buildSurfaceGraph(id, pts.length).toBytes());
		const out = await runSession(session, {
			[SURFACE_INPUTS.points]: { data: Float32Array.from(pts.flat()), dims: [pts.length, 2] },
			[SURFACE_INPUTS.surf]: { data: surfVector(params), dims: [3] }
		});
		pts.forEach(([x, y], i) => {
			const want = surfaceValue(id, params, x, y).f;
			expect(Math.abs(out[SURFACE_OUTPUT].data[i] - want)).toBeLessThan(1e-5 * Math.max(1, Math.abs(want)));
		});
	});
});

describe('steps graph (autodiff gradient + generic update) against PyTorch-style float64 updates', () => {
	const hyper: Hyper = { lr: 0.3, alr: 0.05, beta: 0.9, beta2: 0.99, wd: 0.05 };
	it.each(['quad', 'rosenbrock', 'saddle'] as const)('every optimizer, 30 steps on %s', async (id) => {
		const h = id === 'rosenbrock' ? { ...hyper, lr: 5e-4 } : hyper;
		const start = SURFACES[id].start(params);
		const rows = OPTIMIZERS.map((kind) => ({ kind, hyper: h, start }));
		const run = await stepsRunner(id, rows.length);
		const got = await runRows(run, rows, params, 30);
		OPTIMIZERS.forEach((kind, i) => {
			const want = referenceRun(id, params, kind, h, start, 30);
			expect(got.diverged[i]).toBe(false);
			expect(got.paths[i]).toHaveLength(62);
			for (let t = 0; t <= 30; t++) {
				for (let j = 0; j < 2; j++) expect(Math.abs(got.paths[i][2 * t + j] - want.path[t][j])).toBeLessThan(2e-4);
				expect(Math.abs(got.losses[i][t] - want.losses[t])).toBeLessThan(1e-4 * Math.max(1, Math.abs(want.losses[t])));
			}
		});
	});

	it('the graph gradient matches finite differences of the float64 surface', () => {
		for (const id of ['quad', 'rosenbrock', 'saddle'] as const) {
			const [x, y] = [0.4, -0.3];
			const h = 1e-6;
			const fd = [
				(surfaceValue(id, params, x + h, y).f - surfaceValue(id, params, x - h, y).f) / (2 * h),
				(surfaceValue(id, params, x, y + h).f - surfaceValue(id, params, x, y - h).f) / (2 * h)
			];
			const { grad } = surfaceValue(id, params, x, y);
			expect(grad[0]).toBeCloseTo(fd[0], 5);
			expect(grad[1]).toBeCloseTo(fd[1], 5);
		}
	});

	it('stops a row that leaves the float range and says it diverged', async () => {
		const run = await stepsRunner('quad', 2);
		const rows = [
			{ kind: 'sgd' as const, hyper: { ...hyper, lr: 2.5 }, start: [1, 1] as const },
			{ kind: 'sgd' as const, hyper: { ...hyper, lr: 0.5 }, start: [1, 1] as const }
		];
		const got = await runRows(run, rows, { kappa: 1, rot: 0 }, 200);
		expect(got.diverged).toEqual([true, false]);
		// |1 − 2.5| = 1.5 per step from (1, 1): f_t = ½‖θ_t‖² = 1.5²ᵗ, which passes the 1e15 limit
		// first; the last step kept is the last t with 1.5²ᵗ < 1e15.
		const last = Math.floor(Math.log(1e15) / (2 * Math.log(1.5)));
		expect(got.paths[0].length / 2 - 1).toBe(last);
		expect(got.paths[1]).toHaveLength(402);
	});
});

describe('what the steps graph takes once per row', () => {
	it('only η̃ and q change with the step, for every optimizer', () => {
		const h: Hyper = { lr: 0.3, alr: 0.05, beta: 0.9, beta2: 0.99, wd: 0.05 };
		const fixed = COEFFICIENTS.map((name, j) => [name, j] as const).filter(([name]) => !(STEP_RATES as readonly string[]).includes(name));
		for (const kind of OPTIMIZERS)
			for (const t of [2, 7, 500]) for (const [name, j] of fixed) expect(coefficients(kind, h, t)[j], `${kind} ${name} at t = ${t}`).toBe(coefficients(kind, h, 1)[j]);
		// Adam's do change: the bias corrections.
		expect(coefficients('adam', h, 2)[COEFFICIENTS.indexOf('lr')]).not.toBe(coefficients('adam', h, 1)[COEFFICIENTS.indexOf('lr')]);
	});
});
