/**
 * Figure 5's live training: gradient descent on one over-parameterized problem from two starts
 * (w_0 = 0 and a random w_0), one `LiveRun` with a row per start, owned by the controller.
 * Nothing heavy is imported until the reader presses Start: then the feature graph runs (the same
 * ONNX graph and session as the sweep), implicitSetup.ts sets up the problem and both starts,
 * and one TrainingRunner per start trains the readout (in the training worker on WASM, on the
 * page on WebGPU). The iterates come back at log-spaced steps and are
 * measured here, in float64, against Φ⁺y.
 */
import type { Backend } from '$lib/onnx/backend';
import type { RunnerSnapshot } from '$lib/onnx/training/runner';
import { LiveRun, type Track } from '$lib/state/liveRun.svelte';
import { trainTrack } from '$lib/state/trainingTrack';
import type { FeatureFamily } from './data';
import type { GdProblem, IterateStats } from './gdProblem';
import type { TargetId } from './targets';

export type StartId = 'zero' | 'random';

export interface ImplicitSettings {
	family: FeatureFamily;
	target: TargetId;
	n: number;
	noise: number;
	seed: number;
	backend: Backend;
}

/** One iterate read back, measured. */
export interface IteratePoint extends IterateStats {
	step: number;
}

/** A row's measured iterates. */
export interface IterateTrack {
	points: IteratePoint[];
}

export type ImplicitRun = Track<IterateTrack>;

/** Plain numbers about the problem, for the rulers, the setup line and the summary. */
export interface ImplicitProblemView {
	n: number;
	p: number;
	lr: number;
	sigmaMax: number;
	sigmaMin: number;
	steps: number;
	/** Steps GD from zero needs (exact arithmetic) to come within TARGET_DISTANCE of Φ⁺y. */
	stepsNeeded: number;
	targetDistance: number;
	/** Φ⁺y: its norm and test error. */
	minNorm: { norm: number; testError: number };
	/** Where GD from the random w_0 must end: Φ⁺y + (I − VVᵀ)w_0. */
	randomLimit: { norm: number; testError: number; distance: number };
}

export const START_LABELS: Record<StartId, string> = { zero: 'GD from w₀ = 0', random: 'GD from a random w₀' };
export const STARTS: StartId[] = ['zero', 'random'];

export type TrainingRun = LiveRun<ImplicitSettings, IterateTrack, ImplicitProblemView>;

export function createTrainingRun(): TrainingRun {
	return new LiveRun<ImplicitSettings, IterateTrack, ImplicitProblemView>({
		tracks: () => STARTS.map((id) => ({ id, label: START_LABELS[id], data: { points: [] } })),
		job: async (settings, run) => {
			const [{ runFeatureGraph }, { iterateStats }, { implicitSetup }, { gdJob }] = await Promise.all([import('./featureRun'), import('./gdProblem'), import('./implicitSetup'), import('./training')]);
			const { n, family, seed, backend } = settings;
			const table = await runFeatureGraph(backend, family, seed, 0, n);
			if (!run.current) return;
			const { problem, view, starts, steps } = implicitSetup(table, settings);
			run.setResult(view);
			await Promise.all(
				STARTS.map((id, i) => trainTrack(run, i, gdJob(problem, starts[id], steps), backend, { data: (snapshot, previous) => measured(snapshot, previous, problem, iterateStats) }))
			);
		},
		describeError: (error) => `Could not set up the runs: ${error instanceof Error ? error.message : String(error)}`,
		// What the e2e tests read on window.__vlabTraining.
		summarize: (run) => ({
			id: run.id,
			status: run.status,
			thread: run.thread,
			steps: run.step,
			maxSteps: run.maxSteps,
			readings: run.data.points.length,
			first: run.data.points[0] ?? null,
			last: run.data.points.at(-1) ?? null,
			message: run.message
		})
	});
}

/** Measures the readings not measured yet (a report carries every reading so far). */
function measured(snapshot: RunnerSnapshot, previous: IterateTrack, problem: GdProblem, measure: (p: GdProblem, w: Float32Array) => IterateStats): IterateTrack {
	const fresh = snapshot.params.slice(previous.points.length);
	return fresh.length ? { points: [...previous.points, ...fresh.map((r) => ({ step: r.step, ...measure(problem, r.params.w) }))] } : previous;
}
