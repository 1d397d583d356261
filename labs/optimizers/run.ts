/**
 * Drives the steps graph: K steps per session run, the optimizer state carried between runs,
 * until `steps` are done or every row has left the float range (diverged). Shared by the page's
 * compute, the checkpoints and the tests (they pass their own `run` function).
 */
import { createRng } from '$lib/random';
import { C, COEFFICIENTS, coefficients, type Hyper, type OptimizerId } from './optimizersList';
import { STEP_INPUTS, STEP_OUTPUTS, STEP_RATES } from './model';
import type { SurfaceParams } from './surfaces';

/** Steps per session run (unrolled in the graph). */
export const CHUNK = 10;

export type Feeds = Record<string, { data: Float32Array; dims: readonly number[] }>;
export type RunFn = (feeds: Feeds) => Promise<Record<string, { data: Float32Array }>>;

export interface RowSpec {
	kind: OptimizerId;
	hyper: Hyper;
	start: readonly [number, number];
	/** A learning-rate schedule: step t (from 1) runs at scale(t) × the row's rate. */
	scale?: (t: number) => number;
}

export interface RowsResult {
	/** Per row: θ₀ … θ_T (x and y interleaved: x₀, y₀, x₁, y₁, …), cut at the first non-finite step. */
	paths: number[][];
	/** Per row: f(θ₀) … f(θ_T), same cut. */
	losses: number[][];
	/** Per row: whether it left the float range before `steps`. */
	diverged: boolean[];
}

export function surfVector(p: SurfaceParams): Float32Array {
	const a = (p.rot * Math.PI) / 180;
	return Float32Array.of(Math.cos(a), Math.sin(a), 1 / p.kappa);
}

/** |θ| or f past this counts as diverged (float32 would overflow soon after). */
const LIMIT = 1e15;

export async function runRows(
	run: RunFn,
	rows: readonly RowSpec[],
	surface: SurfaceParams,
	steps: number,
	noise = 0,
	seed = 1
): Promise<RowsResult> {
	const P = rows.length;
	const theta = new Float32Array(P * 2);
	rows.forEach((r, i) => theta.set(r.start, 2 * i));
	let m = new Float32Array(P * 2);
	let v = new Float32Array(P * 2);
	const surf = surfVector(surface);
	const rng = createRng(seed);
	const paths = rows.map((r) => [r.start[0], r.start[1]]);
	const losses: number[][] = rows.map(() => []);
	const alive = rows.map(() => true);
	let current = theta;
	// The coefficients that do not change with the step (all but η̃ and q), once per row.
	const coeffs = new Float32Array(P * C);
	rows.forEach((r, i) => coeffs.set(coefficients(r.kind, r.hyper, 1), i * C));
	for (let done = 0; done < steps && alive.some(Boolean); done += CHUNK) {
		const rates = new Float32Array(CHUNK * P * STEP_RATES.length);
		const xi = new Float32Array(CHUNK * P * 2);
		for (let k = 0; k < CHUNK; k++)
			rows.forEach((r, i) => {
				const c = coefficients(r.kind, r.hyper, done + k + 1);
				const factor = r.scale ? r.scale(done + k + 1) : 1;
				STEP_RATES.forEach((name, j) => (rates[(k * P + i) * STEP_RATES.length + j] = c[COEFFICIENTS.indexOf(name)] * (name === 'lr' ? factor : 1)));
				for (let j = 0; j < 2; j++) xi[(k * P + i) * 2 + j] = noise > 0 ? noise * rng.normal() : 0;
			});
		const out = await run({
			[STEP_INPUTS.theta]: { data: current, dims: [P, 2] },
			[STEP_INPUTS.m]: { data: m, dims: [P, 2] },
			[STEP_INPUTS.v]: { data: v, dims: [P, 2] },
			[STEP_INPUTS.coeffs]: { data: coeffs, dims: [P, C] },
			[STEP_INPUTS.rates]: { data: rates, dims: [CHUNK, P, STEP_RATES.length] },
			[STEP_INPUTS.noise]: { data: xi, dims: [CHUNK, P, 2] },
			[STEP_INPUTS.surf]: { data: surf, dims: [3] }
		});
		const thetas = out[STEP_OUTPUTS.thetas].data;
		const fs = out[STEP_OUTPUTS.losses].data;
		const take = Math.min(CHUNK, steps - done);
		for (let i = 0; i < P; i++) {
			if (!alive[i]) continue;
			if (done === 0) losses[i].push(fs[i]);
			for (let k = 0; k < take; k++) {
				const x = thetas[(k * P + i) * 2];
				const y = thetas[(k * P + i) * 2 + 1];
				const f = fs[(k + 1) * P + i];
				if (!(Math.abs(x) < LIMIT && Math.abs(y) < LIMIT && Math.abs(f) < LIMIT)) {
					alive[i] = false;
					break;
				}
				paths[i].push(x, y);
				losses[i].push(f);
			}
		}
		current = thetas.slice((CHUNK - 1) * P * 2, CHUNK * P * 2);
		m = out[STEP_OUTPUTS.m].data.slice();
		v = out[STEP_OUTPUTS.v].data.slice();
	}
	return { paths, losses, diverged: alive.map((a) => !a) };
}
