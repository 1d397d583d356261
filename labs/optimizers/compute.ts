/**
 * Runs the lab's ONNX graphs for one state on the chosen backend: f over the plotted box, the
 * chosen optimizers from the start, and the rate sweeps of figure 2 on the quadratic.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/runtime';
import { buildStepsGraph, buildSurfaceGraph, SURFACE_INPUTS, SURFACE_OUTPUT } from './model';
import { hbBestEta, measuredRate } from './rates';
import { CHUNK, runRows, surfVector, type RunFn } from './run';
import { hyperOf, parseOpts, startOf, type RunState } from './settings';
import type { OptimizersResults } from './summary';
import { GRID } from './gridSize';
import { SURFACES, type SurfaceId } from './surfaces';
import { SWEEP_POINTS, SWEEP_STEPS, sweepBetas, sweepEtas, sweepRows } from './sweeps';

/** Trajectory rows in the graph: one per optimizer at most (unused rows are not read). */
const MAX_ROWS = 6;

export function gridPoints(surface: SurfaceId): Float32Array {
	const { x, y } = SURFACES[surface].box;
	const pts = new Float32Array(GRID * GRID * 2);
	for (let j = 0; j < GRID; j++)
		for (let i = 0; i < GRID; i++) {
			pts[2 * (j * GRID + i)] = x[0] + ((x[1] - x[0]) * i) / (GRID - 1);
			pts[2 * (j * GRID + i) + 1] = y[0] + ((y[1] - y[0]) * j) / (GRID - 1);
		}
	return pts;
}

function stepsRunner(backend: Backend, surface: SurfaceId, rows: number): RunFn {
	const session = getSession(backend, `optimizers-steps-${surface}-${rows}`, () => buildStepsGraph(surface, rows, CHUNK).toBytes());
	return async (feeds) => runSession(await session, feeds);
}

export async function computeOptimizers(state: RunState, backend: Backend): Promise<OptimizersResults> {
	const { surface } = state;
	const surfSession = await getSession(backend, `optimizers-surface-${surface}`, () =>
		buildSurfaceGraph(surface, GRID * GRID).toBytes()
	);
	const gridOut = await runSession(surfSession, {
		[SURFACE_INPUTS.points]: { data: gridPoints(surface), dims: [GRID * GRID, 2] },
		[SURFACE_INPUTS.surf]: { data: surfVector(state), dims: [3] }
	});

	const opts = parseOpts(state.opts);
	const hyper = hyperOf(state);
	const start = startOf(state);
	const rows = Array.from({ length: MAX_ROWS }, (_, i) => ({ kind: opts[i] ?? 'sgd', hyper, start }));
	const traj = await runRows(stepsRunner(backend, surface, MAX_ROWS), rows, state, state.steps, state.noise, state.seed);

	// Figure 2 is always on the quadratic at the reader's κ, whatever figure 1 shows.
	const sweepOut = await runRows(
		stepsRunner(backend, 'quad', 2 * SWEEP_POINTS),
		sweepRows(state.kappa, SURFACES.quad.start(state)),
		state,
		SWEEP_STEPS
	);
	const rates = sweepOut.paths.map(measuredRate);
	const sweep: OptimizersResults['sweep'] = {
		kappa: state.kappa,
		etas: sweepEtas(),
		gdRates: rates.slice(0, SWEEP_POINTS),
		hbEta: hbBestEta(state.kappa),
		betas: sweepBetas(),
		hbRates: rates.slice(SWEEP_POINTS)
	};

	return {
		surface,
		grid: Array.from(gridOut[SURFACE_OUTPUT].data),
		runs: opts.map((id, i) => ({ id, path: traj.paths[i], losses: traj.losses[i], diverged: traj.diverged[i] })),
		sweep
	};
}
