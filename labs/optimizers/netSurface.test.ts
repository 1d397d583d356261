/**
 * Figure 1's `net` surface: the ONNX graph's f at (a, b) against a float64 forward of the MLP at
 * θ* + a·d₁ + b·d₂, its autodiff gradient (the steps graph's first step) against central
 * differences of that forward, and the origin against θ*'s own loss.
 */
import { describe, expect, it } from 'vitest';
import { createSession, runSession } from '../../tests/support/ort';
import { buildStepsGraph, buildSurfaceGraph, SURFACE_INPUTS, SURFACE_OUTPUT } from './model';
import { netDirections, thetaStar } from './netPlane';
import { netValue } from './netReference';
import { CHUNK, runRows, surfVector } from './run';
import { spiralData } from './spiralMlp';
import { spiralLossAndGrad } from './spiralReference';
import { SURFACES } from './surfaces';

const params = { kappa: 50, rot: 0 };
const points = [
	[0, 0],
	[0.3, -0.2],
	[-0.7, 0.5],
	[0.9, 0.9]
] as const;
const dirs = netDirections();

describe('the net surface', () => {
	it('f(0, 0) is the training loss at θ*', () => {
		const { tensors } = spiralData();
		const atStar = spiralLossAndGrad(thetaStar, tensors.x.data as Float32Array, Array.from(tensors.label.data as BigInt64Array, Number)).loss;
		expect(netValue(0, 0, dirs)).toBe(atStar);
		// The article's "about 3·10⁻⁴".
		expect(atStar).toBeGreaterThan(2e-4);
		expect(atStar).toBeLessThan(4e-4);
	});

	it('the surface graph computes f at scattered (a, b) as the float64 forward does', async () => {
		const session = await createSession(buildSurfaceGraph('net', points.length).toBytes());
		const out = await runSession(session, {
			[SURFACE_INPUTS.points]: { data: Float32Array.from(points.flat()), dims: [points.length, 2] },
			[SURFACE_INPUTS.surf]: { data: surfVector(params), dims: [3] }
		});
		points.forEach(([a, b], i) => {
			const want = netValue(a, b, dirs);
			expect(Math.abs(out[SURFACE_OUTPUT].data[i] - want)).toBeLessThan(1e-4 + 1e-4 * want);
		});
	});

	it('one GD step of rate η moves (a, b) by η times the finite-difference gradient', { timeout: 60_000 }, async () => {
		const session = await createSession(buildStepsGraph('net', points.length, CHUNK).toBytes());
		const lr = 1e-3;
		const rows = points.map((start) => ({ kind: 'sgd' as const, hyper: { lr, alr: lr, beta: 0, beta2: 0.999, wd: 0 }, start }));
		const got = await runRows((feeds) => runSession(session, feeds), rows, params, 1);
		const h = 1e-5;
		points.forEach(([a, b], i) => {
			const fd = [(netValue(a + h, b, dirs) - netValue(a - h, b, dirs)) / (2 * h), (netValue(a, b + h, dirs) - netValue(a, b - h, dirs)) / (2 * h)];
			const step = [(a - got.paths[i][2]) / lr, (b - got.paths[i][3]) / lr];
			for (let j = 0; j < 2; j++) expect(Math.abs(step[j] - fd[j])).toBeLessThan(2e-3 + 2e-3 * Math.abs(fd[j]));
			expect(Math.abs(got.losses[i][0] - netValue(a, b, dirs))).toBeLessThan(1e-4 + 1e-4 * got.losses[i][0]);
		});
	});
});

describe('what the article says of the net surface', () => {
	it('from the default start, 200 steps at η = 10⁻³: GD ends near 7·10⁻⁴, heavy ball near 3·10⁻⁴', { timeout: 120_000 }, async () => {
		const session = await createSession(buildStepsGraph('net', 2, CHUNK).toBytes());
		const hyper = { lr: SURFACES.net.lr(params), alr: SURFACES.net.alr, beta: 0.9, beta2: 0.999, wd: 0 };
		const start = SURFACES.net.start(params);
		const rows = (['sgd', 'momentum'] as const).map((kind) => ({ kind, hyper, start }));
		const got = await runRows((feeds) => runSession(session, feeds), rows, params, 200);
		expect(hyper.lr).toBe(1e-3);
		expect(got.losses[0][0]).toBeCloseTo(3.06, 2);
		expect(got.losses[0][200]).toBeGreaterThan(6.5e-4);
		expect(got.losses[0][200]).toBeLessThan(7.5e-4);
		expect(got.losses[1][200]).toBeGreaterThan(2.5e-4);
		expect(got.losses[1][200]).toBeLessThan(3.5e-4);
	});
});
