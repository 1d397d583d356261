/** What the figures draw: plain arrays and numbers (the e2e tests compare backends on them). */
import type { BatchNoise } from './batchNoise';
import type { OptimizerId } from './optimizersList';
import type { ScheduleRunId } from './schedules';
import type { SurfaceId } from './surfaces';

export interface TrajectoryRun {
	id: OptimizerId;
	/** θ₀ … θ_T, x and y interleaved. */
	path: number[];
	/** f(θ₀) … f(θ_T). */
	losses: number[];
	diverged: boolean;
}

export interface RateSweep {
	kappa: number;
	etas: number[];
	/** GD's measured rate per step at each η. */
	gdRates: number[];
	/** Heavy ball's rate η* and its measured rate per step at each β. */
	hbEta: number;
	betas: number[];
	hbRates: number[];
}

export interface OptimizersResults {
	surface: SurfaceId;
	/** f on a gridSize(surface)² lattice over the plotted box, row by row from the bottom (y) and left (x). */
	grid: number[];
	runs: TrajectoryRun[];
	/** Figure 2's sweeps, on the quadratic at the state's κ. Null while a new κ is measured: it follows (staged results). */
	sweep: RateSweep | null;
	/** Figure 4: Adam at the adaptive rate under each schedule, from figure 1's start and surface. */
	schedules: ScheduleRun[];
	/**
	 * Figure 3: λ_max of the spiral MLP's loss Hessian at its initial weights (power iteration).
	 * Null while it is measured: it and `batchNoise` follow the rest (staged results).
	 */
	sharpness: { lambdaMax: number; iterations: number } | null;
	/** Figure 5, left: measured and analytic tr Cov(g_B) at the initial weights, B_simple. Null while measured. */
	batchNoise: BatchNoise | null;
}

export interface ScheduleRun {
	id: ScheduleRunId;
	/** θ₀ … θ_T, x and y interleaved (‖Δθ_t‖ is read from it). */
	path: number[];
	/** f(θ₀) … f(θ_T). */
	losses: number[];
	diverged: boolean;
}
