/**
 * Runs the lab's ONNX graphs for one state on the chosen backend: f over the plotted box, the
 * chosen optimizers from the start, and the rate sweeps of figure 2 on the quadratic.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/session';
import { buildStepsGraph, buildSurfaceGraph, SURFACE_INPUTS, SURFACE_OUTPUT } from './model';
import { hbBestEta, measuredRate } from './rates';
import { CHUNK, runRows, surfVector, type RowSpec, type RowsResult, type RunFn } from './run';
import { SCHEDULE_RUNS, scheduleRows } from './scheduleRuns';
import { hyperOf, parseOpts, startOf, type RunState } from './settings';
import type { OptimizersResults, RateSweep } from './summary';
import { Lru } from '$lib/cache/lru';
import { Settling } from '$lib/cache/settling';
import { gridSize } from './gridSize';
import { SURFACES, type SurfaceId } from './surfaces';
import { initSharpness, measuredSharpness } from './initSharpness';
import { batchNoise, measuredBatchNoise } from './initBatchNoise';
import { staged, type Staged } from '$lib/state/staged';
import { SWEEP_POINTS, SWEEP_STEPS, sweepBetas, sweepEtas, sweepRows } from './sweeps';

const grids = new Lru<number[]>({ maxEntries: 8 });
/** Figure 2's sweeps by backend and κ: one measurement however many ask, readable once landed. */
const sweeps = new Settling<RateSweep>(8);
const sweepKey = (backend: Backend, kappa: number) => `${backend}|${kappa}`;

/** Trajectory rows in the graph: one per optimizer at most (unused rows are not read). */
const MAX_ROWS = 6;
/** Rows of every steps graph: figure 1's, then figure 4's Adam runs (one per schedule). */
const GRAPH_ROWS = MAX_ROWS + SCHEDULE_RUNS.length;

export function gridPoints(surface: SurfaceId): Float32Array {
	const { x, y } = SURFACES[surface].box;
	const GRID = gridSize(surface);
	const pts = new Float32Array(GRID * GRID * 2);
	for (let j = 0; j < GRID; j++)
		for (let i = 0; i < GRID; i++) {
			pts[2 * (j * GRID + i)] = x[0] + ((x[1] - x[0]) * i) / (GRID - 1);
			pts[2 * (j * GRID + i) + 1] = y[0] + ((y[1] - y[0]) * j) / (GRID - 1);
		}
	return pts;
}

/**
 * The net surface's graph holds several [points, 512, 32] activations, about 67 MB each for the
 * whole 32² lattice: it runs NET_CHUNK points at a time (8 MB each). The formulas run it at once.
 */
const NET_CHUNK = 128;

async function surfaceGrid(backend: Backend, surface: SurfaceId, surf: Float32Array): Promise<number[]> {
	const pts = gridPoints(surface);
	const total = pts.length / 2;
	const chunk = surface === 'net' ? NET_CHUNK : total;
	const session = await getSession(backend, `optimizers-surface-${surface}-${chunk}`, () => buildSurfaceGraph(surface, chunk).toBytes());
	const out: number[] = [];
	for (let at = 0; at < total; at += chunk) {
		const part = new Float32Array(chunk * 2);
		part.set(pts.subarray(2 * at, 2 * Math.min(total, at + chunk)));
		const res = await runSession(session, {
			[SURFACE_INPUTS.points]: { data: part, dims: [chunk, 2] },
			[SURFACE_INPUTS.surf]: { data: surf, dims: [3] }
		});
		out.push(...Array.from(res[SURFACE_OUTPUT].data.subarray(0, Math.min(chunk, total - at))));
	}
	return out;
}

const pick = (r: RowsResult, from: number, count: number): RowsResult => ({
	paths: r.paths.slice(from, from + count),
	losses: r.losses.slice(from, from + count),
	diverged: r.diverged.slice(from, from + count)
});

function stepsRunner(backend: Backend, surface: SurfaceId, rows: number): RunFn {
	const session = getSession(backend, `optimizers-steps-${surface}-${rows}`, () => buildStepsGraph(surface, rows, CHUNK).toBytes());
	return async (feeds) => runSession(await session, feeds);
}

/**
 * Figure 3's λ_max and figure 5's batch noise depend on no control but the seed, and their first
 * measurement costs more than the rest together (a power iteration, per-example gradients): the
 * first run of a page returns without them and they follow (staged results), so figure 1 does
 * not wait for figures further down. Figure 2's sweep at a κ not swept before follows the same way:
 * its 80 model runs were two thirds of a new κ's redraw (58 ms median, dragging κ; 20 ms without).
 * Once measured, each comes with the rest.
 */
export async function computeOptimizers(state: RunState, backend: Backend): Promise<OptimizersResults | Staged<OptimizersResults>> {
	const { surface } = state;
	// The contours depend on the surface alone, the sweeps on κ alone: kept, so moving a rate
	// or the start reruns only the trajectories.
	const gridKey = `${backend}|${surface}|${surface === 'quad' ? `${state.kappa}|${state.rot}` : ''}`;
	let grid = grids.get(gridKey);
	if (!grid) {
		grid = await surfaceGrid(backend, surface, surfVector(state));
		grids.set(gridKey, grid);
	}

	const opts = parseOpts(state.opts);
	const hyper = hyperOf(state);
	const start = startOf(state);
	const rows: RowSpec[] = Array.from({ length: MAX_ROWS }, (_, i) => ({ kind: opts[i] ?? 'sgd', hyper, start }));
	// Figure 4's Adam runs ride in the same graph: a run costs about the same for 6 rows or 12.
	const scheduled = scheduleRows(state, hyper, start);
	const all = await runRows(stepsRunner(backend, surface, GRAPH_ROWS), [...rows, ...scheduled], state, state.steps, state.noise, state.seed);
	const traj = pick(all, 0, rows.length);
	const sched = pick(all, rows.length, scheduled.length);

	const first: OptimizersResults = {
		surface,
		grid,
		runs: opts.map((id, i) => ({ id, path: traj.paths[i], losses: traj.losses[i], diverged: traj.diverged[i] })),
		sweep: sweeps.landed(sweepKey(backend, state.kappa)),
		schedules: SCHEDULE_RUNS.map((id, i) => ({ id, path: sched.paths[i], losses: sched.losses[i], diverged: sched.diverged[i] })),
		sharpness: measuredSharpness(backend),
		batchNoise: measuredBatchNoise(backend, state.seed)
	};
	if (first.sharpness && first.batchNoise && first.sweep) return first;
	const rest = Promise.all([initSharpness(backend), batchNoise(backend, state.seed), measureSweep(backend, state.kappa)]).then(
		([sharpness, noise, sweep]) => ({ sharpness, batchNoise: noise, sweep })
	);
	return staged(first, rest);
}

/** Figure 2's sweep at κ: kept once measured, and measured once while asked for twice. */
export function measureSweep(backend: Backend, kappa: number): Promise<RateSweep> {
	return sweeps.get(sweepKey(backend, kappa), () => rateSweep(backend, kappa));
}

/** Figure 2: always on the quadratic, unrotated (rates do not depend on rotation), at κ. */
async function rateSweep(backend: Backend, kappa: number): Promise<RateSweep> {
	const params = { kappa, rot: 0 };
	// Run GRAPH_ROWS at a time through the graph figure 1 uses on the quadratic: no second graph
	// to build and no second session to create when the surface is the quadratic (the default).
	const all = sweepRows(kappa, SURFACES.quad.start(params));
	const run = stepsRunner(backend, 'quad', GRAPH_ROWS);
	const out = { paths: [] as number[][] };
	for (let i = 0; i < all.length; i += GRAPH_ROWS) {
		const batch = all.slice(i, i + GRAPH_ROWS);
		// A last, short batch is padded with copies of its first row (not read).
		const padded = [...batch, ...Array.from({ length: GRAPH_ROWS - batch.length }, () => batch[0])];
		out.paths.push(...(await runRows(run, padded, params, SWEEP_STEPS)).paths.slice(0, batch.length));
	}
	const rates = out.paths.map(measuredRate);
	return {
		kappa,
		etas: sweepEtas(),
		gdRates: rates.slice(0, SWEEP_POINTS),
		hbEta: hbBestEta(kappa),
		betas: sweepBetas(),
		hbRates: rates.slice(SWEEP_POINTS)
	};
}
