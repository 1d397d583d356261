/**
 * The spec's facts this part of the lab covers, each computed: by the lab's ONNX steps graph on
 * WASM (the page's numbers) and by the float64 reference or a closed form written here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, runSession } from '../../tests/support/ort';
import { buildStepsGraph } from './model';
import type { Hyper, OptimizerId } from './optimizersList';
import { gdRate, hbBestBeta, hbBestEta, measuredRate } from './rates';
import { referenceRun } from './reference';
import { CHUNK, runRows, type RunFn } from './run';
import { argmin } from './argmin';
import { SURFACES, type SurfaceId } from './surfaces';
import { SWEEP_POINTS, SWEEP_STEPS, sweepBetas, sweepRows } from './sweeps';

const runners = new Map<string, RunFn>();
async function runner(id: SurfaceId, rows: number): Promise<RunFn> {
	const key = `${id}-${rows}`;
	if (!runners.has(key)) {
		const session = await createSession(buildStepsGraph(id, rows, CHUNK).toBytes());
		runners.set(key, (feeds) => runSession(session, feeds));
	}
	return runners.get(key)!;
}
const base: Hyper = { lr: 0.1, alr: 0.1, beta: 0.9, beta2: 0.999, wd: 0 };
const norm = (p: number[], t: number) => Math.hypot(p[2 * t], p[2 * t + 1]);

describe('gradient descent on the quadratic (Goh 2017)', () => {
	const kappa = 50;
	const p = { kappa, rot: 0 };
	const start = SURFACES.quad.start(p);

	it('at 2/(L+μ), ‖θ_t‖ = ((κ−1)/(κ+1))ᵗ‖θ₀‖: float64 to 1e-12, the graph to 1e-4', async () => {
		const eta = 2 / (1 + 1 / kappa);
		const r = (kappa - 1) / (kappa + 1);
		const ref = referenceRun('quad', p, 'sgd', { ...base, lr: eta }, start, 100);
		const model = await runRows(await runner('quad', 1), [{ kind: 'sgd', hyper: { ...base, lr: eta }, start }], p, 100);
		const n0 = Math.hypot(...start);
		for (let t = 0; t <= 100; t += 10) {
			expect(Math.abs(Math.hypot(...ref.path[t]) / (r ** t * n0) - 1)).toBeLessThan(1e-12);
			expect(Math.abs(norm(model.paths[0], t) / (r ** t * n0) - 1)).toBeLessThan(1e-4);
		}
	});

	it('converges at 1.99/L and diverges at 2.01/L', async () => {
		const rows = [1.99, 2.01].map((lr) => ({ kind: 'sgd' as const, hyper: { ...base, lr }, start }));
		const model = await runRows(await runner('quad', 2), rows, p, 2000);
		expect(model.diverged).toEqual([false, true]);
		expect(norm(model.paths[0], 2000)).toBeLessThan(1e-6);
		const ref = rows.map((row) => referenceRun('quad', p, 'sgd', row.hyper, start, 2000).path[2000]);
		expect(Math.hypot(...ref[0])).toBeLessThan(1e-6);
		expect(Math.hypot(...ref[1])).toBeGreaterThan(1e6);
	});

	it('rotating the surface and the start leaves its loss curve unchanged', async () => {
		const run = async (rot: number) =>
			runRows(await runner('quad', 1), [{ kind: 'sgd', hyper: { ...base, lr: 1.5 }, start: SURFACES.quad.start({ kappa, rot }) }], { kappa, rot }, 200);
		const [a, b] = [await run(0), await run(37)];
		a.losses[0].forEach((f, t) => expect(Math.abs(b.losses[0][t] - f)).toBeLessThanOrEqual(1e-5 * f + 1e-30));
	});

	it('but rotating changes Adam’s (it scales each coordinate)', async () => {
		const run = async (rot: number) =>
			runRows(await runner('quad', 1), [{ kind: 'adam', hyper: base, start: SURFACES.quad.start({ kappa, rot }) }], { kappa, rot }, 100);
		const [a, b] = [await run(0), await run(45)];
		expect(Math.abs(a.losses[0][100] - b.losses[0][100])).toBeGreaterThan(0.1 * a.losses[0][100]);
	});
});

describe('heavy ball at κ = 100 (Polyak 1964), measured by the graph', () => {
	const kappa = 100;
	const p = { kappa, rot: 0 };
	let rates: number[] = [];
	beforeAll(async () => {
		const out = await runRows(await runner('quad', 2 * SWEEP_POINTS), sweepRows(kappa, SURFACES.quad.start(p)), p, SWEEP_STEPS);
		rates = out.paths.map(measuredRate);
	});

	it('at (η*, β*) its rate is within 2% of 9/11; GD at its best is 0.980', async () => {
		const rows = [
			{ kind: 'momentum' as OptimizerId, hyper: { ...base, lr: hbBestEta(kappa), beta: hbBestBeta(kappa) }, start: SURFACES.quad.start(p) },
			{ kind: 'sgd' as OptimizerId, hyper: { ...base, lr: 2 / (1 + 1 / kappa) }, start: SURFACES.quad.start(p) }
		];
		const out = await runRows(await runner('quad', 2), rows, p, SWEEP_STEPS);
		const [hb, gd] = out.paths.map(measuredRate);
		expect(Math.abs(hb / (9 / 11) - 1)).toBeLessThan(0.02);
		expect(gd).toBeCloseTo(99 / 101, 3);
		expect(99 / 101).toBeCloseTo(0.98, 2);
	});

	it('β* = ((√κ−1)/(√κ+1))² = 0.669, and the β sweep is fastest within 0.05 of it', () => {
		expect(hbBestBeta(kappa)).toBeCloseTo(0.669, 3);
		expect((9 / 11) ** 2).toBeCloseTo(hbBestBeta(kappa), 12);
		const best = sweepBetas()[argmin(rates.slice(SWEEP_POINTS))];
		expect(Math.abs(best - 0.669)).toBeLessThan(0.05);
	});

	it('the measured GD rates follow the analytic max|1 − ηλ|', () => {
		rates.slice(0, SWEEP_POINTS).forEach((r, i) => {
			const eta = (2.2 * (i + 1)) / SWEEP_POINTS;
			expect(Math.abs(r - gdRate(eta, kappa))).toBeLessThan(0.01);
		});
	});

	it('prose: about 460 steps per factor 10⁴ for GD, and heavy ball needs about a tenth of them', () => {
		const gd = (kappa - 1) / (kappa + 1);
		expect(Math.round(Math.log(1e-4) / Math.log(gd) / 10) * 10).toBe(460);
		expect(Math.log(9 / 11) / Math.log(gd)).toBeGreaterThan(9.5);
		expect(Math.log(9 / 11) / Math.log(gd)).toBeLessThan(10.5);
	});
});

describe('the saddle ½(x² − y²) + y⁴/4 at η = 0.1', () => {
	const p = { kappa: 1, rot: 0 };
	const kinds: OptimizerId[] = ['sgd', 'momentum', 'adam'];
	const stepsToLeave = (path: number[]) => {
		for (let t = 0; 2 * t + 1 < path.length; t++) if (Math.abs(path[2 * t + 1]) > 0.5) return t;
		return -1;
	};

	it('from y₀ = 10⁻⁶: GD 139 steps to |y| > 0.5 (linearized 137.7), heavy ball 50, Adam ≤ 10', async () => {
		const rows = kinds.map((kind) => ({ kind, hyper: base, start: [1, 1e-6] as const }));
		const out = await runRows(await runner('saddle', 3), rows, p, 300);
		const [gd, hb, adam] = out.paths.map(stepsToLeave);
		expect(gd).toBe(139);
		expect(hb).toBe(50);
		expect(adam).toBeGreaterThan(0);
		expect(adam).toBeLessThanOrEqual(10);
		// The article says "about 6" for Adam.
		expect(Math.abs(adam - 6)).toBeLessThanOrEqual(1);
		// The float64 reference agrees step for step.
		kinds.forEach((kind, i) => {
			const ref = referenceRun('saddle', p, kind, base, [1, 1e-6], 300).path.flat();
			expect(stepsToLeave(ref)).toBe([gd, hb, adam][i]);
		});
		// Linearized: y grows by 1 + η per step.
		expect(Math.log(0.5 / 1e-6) / Math.log(1.1)).toBeCloseTo(137.7, 1);
	});

	it('from y₀ = 0 none leaves without noise; with noise all do', async () => {
		const rows = kinds.map((kind) => ({ kind, hyper: base, start: [1, 0] as const }));
		const still = await runRows(await runner('saddle', 3), rows, p, 300);
		still.paths.forEach((path) => expect(stepsToLeave(path)).toBe(-1));
		const noisy = await runRows(await runner('saddle', 3), rows, p, 300, 0.01, 3);
		noisy.paths.forEach((path) => expect(stepsToLeave(path)).toBeGreaterThan(0));
	});
});

describe('Adam’s bias correction (Kingma & Ba 2015)', () => {
	it('the first step is η·g/(|g| + ε) per coordinate, on the graph', async () => {
		const start = [0.7, -0.4] as const;
		const p = { kappa: 4, rot: 20 };
		const out = await runRows(await runner('quad', 1), [{ kind: 'adam', hyper: base, start }], p, 1);
		// The quadratic's gradient Hθ, written out here.
		const a = (20 * Math.PI) / 180;
		const [c, s] = [Math.cos(a), Math.sin(a)];
		const u = c * start[0] + s * start[1];
		const w = -s * start[0] + c * start[1];
		const g = [c * u - (s * w) / 4, s * u + (c * w) / 4];
		for (let j = 0; j < 2; j++) expect(out.paths[0][2 + j]).toBeCloseTo(start[j] - (0.1 * g[j]) / (Math.abs(g[j]) + 1e-8), 6);
	});

	it('uncorrected, a constant gradient’s step is 3.16× at t = 1 and peaks at 6.57× at t = 12', () => {
		// Adam's moments without the correction, for g = 1, against the corrected step (η).
		let [m, v] = [0, 0];
		const ratios: number[] = [];
		for (let t = 1; t <= 1000; t++) {
			m = 0.9 * m + 0.1;
			v = 0.999 * v + 0.001;
			ratios.push(m / Math.sqrt(v));
		}
		expect(ratios[0]).toBeCloseTo(3.16, 2);
		const peak = argmin(ratios.map((r) => -r));
		expect(peak + 1).toBe(12);
		expect(ratios[peak]).toBeCloseTo(6.57, 2);
	});
});
