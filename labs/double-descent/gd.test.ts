/**
 * Figure 5 of the double-descent lab: gradient descent with the ONNX training graph (WASM
 * backend, in Node, through the same driver as the browser's training worker) on the lab's
 * over-parameterized random-feature problem, checked against ml-matrix's pseudo-inverse:
 * from w₀ = 0 the iterate reaches Φ⁺y; from a random w₀ it reaches Φ⁺y + (I − Φ⁺Φ)w₀.
 * The references are computed here with `pseudoInverse`, not by the lab's own SVD code.
 */
import * as ort from 'onnxruntime-web';
import { Matrix, pseudoInverse, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { TrainingDriver, type ParamReading, type TrainingJob, type TrainingProgress } from '$lib/onnx/training/driver';
import { drawFeatures, drawTraining, featureScale, type FeatureFamily } from './data';
import { featureFeeds } from './featureFeeds';
import { featureMatrix } from './features';
import { gdLimit, gdProblem, iterateStats, logSteps, nullSpacePart, randomStart, type GdProblem } from './gdProblem';
import { gdJob } from './training';
import { buildFeatureGraph, FEATURE_OUTPUT } from './model';
import { maxFeatures } from './sweep';
import { createSession, runSession } from '../../tests/support/ort';

const SEED = 1;

async function problemFor(family: FeatureFamily, n: number): Promise<GdProblem> {
	const out = await runSession(await createSession(buildFeatureGraph(family)), featureFeeds(family, SEED, 0, n));
	return gdProblem({ data: out[FEATURE_OUTPUT].data, cols: maxFeatures(n) }, { n, noise: 0.3, target: 'sine', seed: SEED });
}

/** Runs a job to its end through the driver, as the training worker does; returns every reading. */
function train(job: TrainingJob): Promise<{ final: TrainingProgress; readings: ParamReading[] }> {
	return new Promise((resolve) => {
		const readings: ParamReading[] = [];
		const driver = new TrainingDriver(ort, job, 'wasm', (p) => {
			readings.push(...(p.params ?? []));
			if (['done', 'diverged', 'error', 'cancelled'].includes(p.status)) resolve({ final: p, readings });
		});
		void driver.start();
	});
}

const matrix = (data: Float64Array, rows: number, cols: number) =>
	new Matrix(Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols))));
const column = (v: ArrayLike<number>) => Matrix.columnVector(Array.from(v));
const relativeDistance = (a: ArrayLike<number>, b: Matrix) => {
	let num = 0;
	let den = 0;
	for (let j = 0; j < a.length; j++) {
		num += (a[j] - b.get(j, 0)) ** 2;
		den += b.get(j, 0) ** 2;
	}
	return Math.sqrt(num / den);
};

/** Independent references: Φ⁺ from ml-matrix, the min-norm solution, the projector onto the null space. */
function references(problem: GdProblem) {
	const phi = matrix(problem.train, problem.n, problem.p);
	const pinv = pseudoInverse(phi);
	const minNorm = pinv.mmul(column(problem.y));
	const nullProjector = Matrix.eye(problem.p).sub(pinv.mmul(phi));
	return { phi, minNorm, nullProjector };
}

/**
 * Steps after which, in exact arithmetic, every component of the error along Φ's row space has
 * shrunk by `factor`: the slowest shrinks by 1 − σ_min²/σ_max² per step at the lab's step size.
 * σ_max and σ_min come from ml-matrix's SVD here, not from the lab.
 */
function stepsToShrink(phi: Matrix, factor: number): number {
	const sv = new SingularValueDecomposition(phi, { autoTranspose: true }).diagonal;
	const positive = sv.filter((v) => v > 1e-10 * sv[0]);
	const rate = 1 - (positive[positive.length - 1] / positive[0]) ** 2;
	return Math.ceil(Math.log(factor) / Math.log(rate));
}

/**
 * Tolerance on the relative distance to the exact limit. In exact arithmetic the runs below end
 * within 1e-4 of it (every error component shrunk 10⁴-fold). What is left is float32: the graph
 * computes Φw − y and Φᵀ(Φw − y) with a relative rounding of ~1e-7 per step, and the error along
 * the slowest direction settles where the step's correction equals that rounding, about
 * κ² · 1e-7 relative with κ² = (σ_max/σ_min)² ≲ 200 for these problems, i.e. ≲ 2e-5. 1e-3 leaves
 * an order of magnitude above the sum of both.
 */
const TOLERANCE = 1e-3;

describe('figure 5: the ONNX gradient-descent graph finds the minimum-norm interpolant', () => {
	for (const [family, n] of [
		['relu', 10],
		['fourier', 20]
	] as const) {
		describe(`${family} features, n = ${n}, p = 10n`, async () => {
			const problem = await problemFor(family, n);
			const ref = references(problem);
			const steps = stepsToShrink(ref.phi, 1e-4);

			it('cuts the training features and labels the lab describes (float64 reference features)', () => {
				const xs = Array.from(drawTraining(SEED, 0).x.subarray(0, n));
				const raw = featureMatrix(xs, drawFeatures(family, SEED, 0, problem.p, n));
				const scale = featureScale(problem.p);
				let worst = 0;
				for (let i = 0; i < raw.length; i++) worst = Math.max(worst, Math.abs(problem.train[i] - scale * raw[i]));
				expect(worst).toBeLessThan(1e-5);
				expect(problem.p).toBe(10 * n);
			});

			it("the page's own maths (SVD) agrees with ml-matrix's pseudo-inverse", () => {
				expect(relativeDistance(problem.minNorm, ref.minNorm)).toBeLessThan(1e-8);
				const w0 = randomStart(problem.p, SEED);
				expect(relativeDistance(nullSpacePart(problem, w0), ref.nullProjector.mmul(column(w0)))).toBeLessThan(1e-8);
			});

			it('from w₀ = 0: the iterate converges to Φ⁺y, its norm rises to ‖Φ⁺y‖ from below, train error → 0', async () => {
				const { final, readings } = await train(gdJob(problem, new Float64Array(problem.p), steps));
				expect(final.status, final.message ?? '').toBe('done');
				expect(readings.map((r) => r.step)).toEqual(logSteps(steps));
				const distances = readings.map((r) => relativeDistance(r.params.w, ref.minNorm));
				expect(distances[0]).toBe(1);
				expect(distances[distances.length - 1]).toBeLessThan(TOLERANCE);
				// GD from zero at this step size moves monotonically toward Φ⁺y (each error component shrinks).
				for (let i = 1; i < distances.length; i++) expect(distances[i]).toBeLessThanOrEqual(distances[i - 1] * (1 + 1e-4) + 1e-6);
				const minNormNorm = ref.minNorm.norm();
				const stats = readings.map((r) => iterateStats(problem, r.params.w));
				for (const s of stats) expect(s.norm).toBeLessThanOrEqual(minNormNorm * (1 + 1e-4));
				expect(stats[stats.length - 1].norm / minNormNorm).toBeGreaterThan(1 - TOLERANCE);
				expect(stats[stats.length - 1].trainError).toBeLessThan(1e-6 * stats[0].trainError);
			});

			it('from a random w₀: it lands on Φ⁺y plus the null-space part of w₀, with a larger norm', async () => {
				const w0 = randomStart(problem.p, SEED);
				const { final, readings } = await train(gdJob(problem, w0, steps));
				expect(final.status, final.message ?? '').toBe('done');
				const end = readings[readings.length - 1].params.w;
				const expected = ref.minNorm.clone().add(ref.nullProjector.mmul(column(w0)));
				expect(relativeDistance(end, expected)).toBeLessThan(TOLERANCE);
				// A different interpolant: far from Φ⁺y, and larger.
				expect(relativeDistance(end, ref.minNorm)).toBeGreaterThan(0.1);
				const endStats = iterateStats(problem, end);
				expect(endStats.norm).toBeGreaterThan(ref.minNorm.norm() * 1.05);
				expect(endStats.trainError).toBeLessThan(1e-6);
				// The lab's prediction of that limit (drawn as the figure's rulers) is the same point.
				expect(relativeDistance(gdLimit(problem, w0), expected)).toBeLessThan(1e-8);
			});

			it('past the stable step size (2/λ_max) the run is reported as diverged, with a message', async () => {
				// The lab's step is 1/λ_max; three times that grows the top direction's error 2× per step.
				const job = { ...gdJob(problem, new Float64Array(problem.p), 2000), hyper: { lr: 3 * problem.lr } };
				const { final } = await train(job);
				expect(final.status).toBe('diverged');
				expect(final.step).toBeLessThan(2000);
				expect(final.message).toMatch(/diverged/);
			});
		});
	}
});
