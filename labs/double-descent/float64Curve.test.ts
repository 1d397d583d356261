/**
 * The double-descent curve against an independent float64 reference (issue 13, item 4).
 *
 * The reference re-does every replicate from the lab's seeded draws only: features
 * cos(w_j x + b_j) · √(2/p) in float64, the min-norm fit from ml-matrix's `pseudoInverse`, and
 * the mean squared distance to the true function on the test grid, averaged over the seeds. The
 * lab's curve comes from its sweep engine fed the way the page feeds it: Fourier tables in
 * float64 (float64Features.ts), ReLU tables from the ONNX graph (float32, ORT's WASM backend).
 */
import { describe, expect, it } from 'vitest';
import { Matrix, pseudoInverse } from 'ml-matrix';
import { drawFeatures, drawTraining, featureScale, testGrid, type FeatureFamily } from './data';
import { encode } from './features';
import { SweepEngine, type SweepRequest } from './engine';
import { computedInFloat64, float64FeatureTable } from './float64Features';
import { buildFeatureGraph, FEATURE_OUTPUT } from './model';
import { featureFeeds } from './featureFeeds';
import { maxFeatures, type FeatureTable } from './sweep';
import { targetFn } from './targets';
import type { DdResults } from './summary';
import { createSession, runSession, type Session } from '../../tests/support/ort';

const sessions = new Map<FeatureFamily, Promise<Session>>();
async function onnxTable(family: FeatureFamily, seed: number, replicate: number, n: number): Promise<FeatureTable> {
	if (!sessions.has(family)) sessions.set(family, createSession(buildFeatureGraph(family)));
	const out = await runSession(await sessions.get(family)!, featureFeeds(family, seed, replicate, n));
	return { data: out[FEATURE_OUTPUT].data, cols: maxFeatures(n) };
}

/** The page's feature source (sweep.worker.ts): float64 where the lab says so, else the graph. */
const pageTable = async (family: FeatureFamily, seed: number, replicate: number, n: number) =>
	computedInFloat64(family) ? float64FeatureTable(family, seed, replicate, n) : onnxTable(family, seed, replicate, n);

async function labCurve(req: SweepRequest, source = pageTable): Promise<DdResults> {
	const engine = new SweepEngine(source);
	for await (const _ of engine.run(req)) {
		// to completion
	}
	return engine.assemble(req, true);
}

/** One raw feature, written out from its definition (not the lab's featureMatrix). */
function rawFeature(family: FeatureFamily, w: Float32Array, b: Float32Array, count: number, j: number, x: number): number {
	if (family === 'fourier') return Math.cos(w[j] * x + b[j]);
	const g = encode(x);
	let z = 0;
	for (let e = 0; e < g.length; e++) z += g[e] * w[e * count + j];
	return Math.max(0, z);
}

function referenceError(req: SweepRequest, p: number): number {
	const f = targetFn(req.target);
	const grid = testGrid();
	let total = 0;
	for (let k = 0; k < req.seeds; k++) {
		const draw = drawTraining(req.seed, k);
		const xs = Array.from(draw.x.subarray(0, req.n));
		const y = xs.map((x, i) => f(x) + req.noise * draw.noise[i]);
		const count = maxFeatures(req.n);
		const { w, b } = drawFeatures(req.family, req.seed, k, count, req.n);
		const scale = featureScale(p);
		const row = (x: number) => Array.from({ length: p }, (_, j) => scale * rawFeature(req.family, w, b, count, j, x));
		const theta = pseudoInverse(new Matrix(xs.map(row))).mmul(Matrix.columnVector(y));
		const pred = new Matrix(Array.from(grid, row)).mmul(theta);
		let sq = 0;
		for (let i = 0; i < grid.length; i++) sq += (pred.get(i, 0) - f(grid[i])) ** 2;
		total += sq / grid.length;
	}
	return total / req.seeds;
}

const view = (family: FeatureFamily, n: number): SweepRequest => ({ family, target: 'sine', n, noise: 0.3, lambda: 0, p: 2 * n, seeds: 5, seed: 1 });

/** Largest relative gap between the lab's curve and the reference over p ≤ 2n. */
function worstGap(r: DdResults, req: SweepRequest): { gap: number; at: number } {
	let worst = { gap: 0, at: 0 };
	r.ps.forEach((p, i) => {
		if (p > 2 * req.n) return;
		const ref = referenceError(req, p);
		const gap = Math.abs(r.curves.testError[i] - ref) / ref;
		if (gap > worst.gap) worst = { gap, at: p };
	});
	return worst;
}

describe('the lab’s test-error curve equals a float64 reference through the threshold', () => {
	it('Fourier features, default view (n = 40, 5 seeds)', async () => {
		const req = view('fourier', 40);
		const worst = worstGap(await labCurve(req), req);
		expect(worst.gap, `worst at p = ${worst.at}`).toBeLessThan(1e-6);
	}, 400_000);

	it('Fourier features, n = 100 (condition numbers up to ~10¹⁶ near p = n)', async () => {
		const req = view('fourier', 100);
		const worst = worstGap(await labCurve(req), req);
		expect(worst.gap, `worst at p = ${worst.at}`).toBeLessThan(1e-3);
	}, 400_000);

	it('ReLU features from the float32 ONNX graph, default view', async () => {
		const req = view('relu', 40);
		const worst = worstGap(await labCurve(req), req);
		expect(worst.gap, `worst at p = ${worst.at}`).toBeLessThan(1e-3);
	}, 400_000);

	it('why Fourier features are not taken from the float32 graph: its rounding puts the peak a quarter low', async () => {
		const req = view('fourier', 40);
		const float32 = await labCurve(req, onnxTable);
		const peak = float32.curves.testError[float32.ps.indexOf(40)];
		const low = 1 - peak / referenceError(req, 40);
		expect(low).toBeGreaterThan(0.15);
		expect(low).toBeLessThan(0.35);
	}, 400_000);
});
