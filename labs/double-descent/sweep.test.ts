/**
 * The double-descent sweeps: the grids the lab visits, the incremental routes along p and n
 * against fits decomposed from scratch, and the engine's caching and partial results (with the
 * float64 TypeScript feature map standing in for the ONNX graph).
 */
import { describe, expect, it } from 'vitest';
import { drawFeatures, drawTraining, testGrid, type FeatureFamily } from './data';
import { SweepEngine, selectedP, type SweepRequest } from './engine';
import { featureMatrix } from './features';
import { solve } from './spectral';
import { fitAt, fitsAlongN, fitsAlongP, maxFeatures, nGrid, pGrid, type FeatureTable } from './sweep';

function table(family: FeatureFamily, n: number, seed = 2, replicate = 0): FeatureTable {
	const x = [...drawTraining(seed, replicate).x, ...testGrid()];
	return { data: featureMatrix(x, drawFeatures(family, seed, replicate, maxFeatures(n), n)), cols: maxFeatures(n) };
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
	let worst = 0;
	let scale = 0;
	for (let i = 0; i < a.length; i++) {
		worst = Math.max(worst, Math.abs(a[i] - b[i]));
		scale = Math.max(scale, Math.abs(b[i]));
	}
	return worst <= tol * Math.max(1, scale);
};

describe('grids', () => {
	it.each([5, 12, 40, 200])('p grid for n = %i: 1 … 20n, ascending, with n, 2n, 10n (and n/2)', (n) => {
		const ps = pGrid(n);
		expect(ps[0]).toBe(1);
		expect(ps[ps.length - 1]).toBe(20 * n);
		for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThan(ps[i - 1]);
		for (const p of [n, 2 * n, 10 * n]) expect(ps).toContain(p);
		if (n % 2 === 0) expect(ps).toContain(n / 2);
		expect(ps.length).toBeGreaterThanOrEqual(25);
		expect(ps.length).toBeLessThanOrEqual(60);
	});

	it('n grid for p: 5 … 200 with the threshold n = p and p/2', () => {
		const ns = nGrid(80);
		expect(ns[0]).toBe(5);
		expect(ns[ns.length - 1]).toBe(200);
		expect(ns).toContain(80);
		expect(ns).toContain(40);
	});

	it('the selected p is kept within 1 … 20n', () => {
		expect(selectedP({ n: 10, p: 4000 })).toBe(200);
		expect(selectedP({ n: 10, p: 0 })).toBe(1);
		expect(selectedP({ n: 40, p: 80 })).toBe(80);
	});
});

describe('incremental routes equal fits from scratch', () => {
	for (const family of ['relu', 'fourier'] as const) {
		it(`${family}: along p (n = 12)`, () => {
			const t = table(family, 12);
			const ps = pGrid(12);
			const y = drawTraining(2, 0).noise.subarray(0, 12);
			let i = 0;
			for (const fit of fitsAlongP(t, 12, ps)) {
				const direct = fitAt(t, 12, ps[i++]);
				for (const lambda of [0, 0.01]) expect(close(solve(fit, y, lambda).testPred, solve(direct, y, lambda).testPred, 1e-6)).toBe(true);
				expect(close(fit.s, direct.s, 1e-9)).toBe(true);
			}
			expect(i).toBe(ps.length);
		});

		it(`${family}: along n (p = 30)`, () => {
			const t = table(family, 12);
			const ns = nGrid(30);
			const noise = drawTraining(2, 0).noise;
			let i = 0;
			for (const fit of fitsAlongN(t, 30, ns)) {
				const n = ns[i++];
				const direct = fitAt(t, n, 30);
				const y = noise.subarray(0, n);
				expect(fit.n).toBe(n);
				expect(close(solve(fit, y, 0.01).testPred, solve(direct, y, 0.01).testPred, 1e-6)).toBe(true);
			}
		});
	}
});

describe('engine', () => {
	const request: SweepRequest = { family: 'relu', target: 'sine', n: 10, noise: 0.3, lambda: 0, p: 20, seeds: 2, seed: 3 };

	function countingEngine() {
		const calls: string[] = [];
		const engine = new SweepEngine(async (family, seed, replicate, n) => {
			calls.push(`${family}/${seed}/${replicate}/${n}`);
			return table(family, n, seed, replicate);
		});
		return { engine, calls };
	}

	async function complete(engine: SweepEngine, req: SweepRequest) {
		let steps = 0;
		for await (const _ of engine.run(req)) steps++;
		return { steps, results: await engine.assemble(req, true) };
	}

	it('streams partial results: the first seed by model size, then whole seeds', async () => {
		const { engine } = countingEngine();
		const sizes: number[] = [];
		for await (const { done, total } of engine.run(request)) {
			const partial = await engine.assemble(request, false);
			expect(partial.complete).toBe(false);
			expect(partial.knobs).toBeNull();
			sizes.push(partial.ps.length);
			expect(done).toBeLessThanOrEqual(total);
		}
		expect(sizes.some((s) => s > 0 && s < pGrid(10).length)).toBe(true);
		const final = await engine.assemble(request, true);
		expect(final.complete).toBe(true);
		expect(final.replicates).toBe(2);
		expect(final.ps).toEqual(pGrid(10));
		expect(final.knobs?.sampleWise?.ns).toEqual(nGrid(20));
	});

	it('λ, noise, target and the selected p reuse the features and the decompositions of the sweep', async () => {
		const { engine, calls } = countingEngine();
		await complete(engine, request);
		const tables = calls.length;
		expect(tables).toBe(2);
		for (const change of [{ lambda: 0.01 }, { noise: 0.6 }, { target: 'step' as const }, { p: 15 }]) {
			const { results } = await complete(engine, { ...request, ...change });
			expect(results.curves.testError.every(Number.isFinite)).toBe(true);
		}
		expect(calls.length).toBe(tables);
		// A new n needs new features.
		await complete(engine, { ...request, n: 11 });
		expect(calls.length).toBe(tables + 2);
	});

	it('results are plain data: numbers and arrays only', async () => {
		const { engine } = countingEngine();
		const { results } = await complete(engine, request);
		const check = (value: unknown, path: string): void => {
			if (Array.isArray(value)) value.forEach((v, i) => check(v, `${path}[${i}]`));
			else if (value !== null && typeof value === 'object') {
				expect(Object.getPrototypeOf(value), path).toBe(Object.prototype);
				for (const [k, v] of Object.entries(value)) check(v, `${path}.${k}`);
			} else expect(['number', 'string', 'boolean'].includes(typeof value) || value === null, path).toBe(true);
		};
		check(results, 'results');
	});

	it('the bias–variance split adds up to the expected test error over the label noise', async () => {
		const { engine } = countingEngine();
		const { results } = await complete(engine, request);
		const { bias2, variance } = results.curves;
		// The realized error of a given noise draw scatters around bias² + variance: check the scale.
		results.ps.forEach((_, i) => {
			expect(bias2[i]).toBeGreaterThanOrEqual(0);
			expect(variance[i]).toBeGreaterThanOrEqual(0);
		});
		const clean = await complete(engine, { ...request, noise: 0 });
		clean.results.curves.variance.forEach((v) => expect(v).toBe(0));
		// With no noise, the expected error is the realized one and is all bias.
		clean.results.ps.forEach((_, i) => expect(clean.results.curves.bias2[i]).toBeCloseTo(clean.results.curves.testError[i], 12));
	});
});
