/**
 * Figure 5's measurement: held-out token accuracy of the chosen task's transformer with its linear
 * weights pruned (pruning.ts) at fractions 0, 0.1 … 0.9 by each method, and at the reader's method
 * and fraction. Every point is a run of qmodel.ts's graph, fed the pruned weights as float
 * weights (zeros included), on the page's backend. Structured pruning stops where every MLP
 * neuron is gone: the MLPs hold about half the linear weights.
 */
import type { Task } from '$labs/attention-heatmaps/tasks';
import type { Backend } from '$lib/onnx/backend';
import { scorer } from './accuracy';
import { linearFlops, linearWeightCount, neuronsFor, neuronsPerLayer, prune, removedFraction, type PruneMethod } from './pruning';
import type { WeightTensor } from './weights';

export const PRUNE_METHODS = ['layer', 'global', 'neurons'] as const satisfies readonly PruneMethod[];
/** The sweep's asked fractions of the linear weights. */
export const FRACTIONS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

export interface PrunePoint {
	method: PruneMethod;
	/** The fraction asked for. */
	sparsity: number;
	/** The fraction of linear weights the method removed (structured: whole neurons, so near it). */
	removed: number;
	/** Held-out tokens right, out of the result's `tokens`. */
	right: number;
	/** Multiply-adds ×2 per token a dense kernel runs in the linear layers. */
	flops: number;
}

export interface PruneSettings {
	task: Task;
	method: PruneMethod;
	sparsity: number;
}

/** What figure 5 draws. While a live run goes, the points hold the runs landed so far. */
export interface PruneResult {
	tokens: number;
	/** Every linear weight, and the float model's multiply-adds ×2 per token in them. */
	linearWeights: number;
	denseFlops: number;
	/** The sweep, in run order: the float model (method layer, sparsity 0), then each method's fractions. */
	points: PrunePoint[];
	/** The reader's method and fraction; null until its run lands. */
	chosen: PrunePoint | null;
}

/** The sweep's (method, fraction) pairs: fraction 0 once (all methods agree there), structured up to its last reachable count. */
export function sweepPlan(weights: Map<string, WeightTensor>): { method: PruneMethod; sparsity: number }[] {
	const plan: { method: PruneMethod; sparsity: number }[] = [{ method: 'layer', sparsity: 0 }];
	for (const method of PRUNE_METHODS) {
		const seen = new Set<number>([0]);
		for (const sparsity of FRACTIONS.slice(1)) {
			if (method === 'neurons') {
				const k = neuronsFor(weights, sparsity);
				if (seen.has(k)) continue;
				seen.add(k);
			}
			plan.push({ method, sparsity });
		}
		if (method === 'neurons' && !seen.has(neuronsPerLayer(weights))) plan.push({ method, sparsity: 1 });
	}
	return plan;
}

/** A finished sweep per backend and task: the reader's changes of method and fraction then cost one run. */
const sweeps = new Map<string, PrunePoint[]>();

/**
 * Figure 5's numbers: the sweep (cached once finished) and the chosen point. `report` gets the
 * result so far after each model run; returning false stops the measurement.
 */
export async function measurePruning(
	weights: Map<string, WeightTensor>,
	s: PruneSettings,
	backend: Backend,
	report: (partial: PruneResult, runs: number) => boolean = () => true
): Promise<PruneResult> {
	const { tokens } = await scorer(s.task, weights, backend);
	const pointOf = async (method: PruneMethod, sparsity: number): Promise<PrunePoint> => {
		const pruned = prune(weights, method, sparsity);
		const right = await (await scorer(s.task, pruned, backend)).score(null, null);
		return { method, sparsity, removed: removedFraction(weights, method, sparsity), right, flops: linearFlops(weights, method, sparsity) };
	};
	const r: PruneResult = { tokens, linearWeights: linearWeightCount(weights), denseFlops: linearFlops(weights, 'layer', 0), points: [], chosen: null };
	let runs = 0;
	const landed = () => report({ ...r, points: [...r.points] }, ++runs);
	const key = `${backend}:${s.task}`;
	const cached = sweeps.get(key);
	if (cached) r.points = [...cached];
	else {
		for (const { method, sparsity } of sweepPlan(weights)) {
			r.points.push(await pointOf(method, sparsity));
			if (!landed()) return r;
		}
		sweeps.set(key, [...r.points]);
	}
	const same = r.points.find((p) => p.method === s.method && removedFraction(weights, p.method, p.sparsity) === removedFraction(weights, s.method, s.sparsity));
	r.chosen = same ? { ...same, sparsity: s.sparsity } : await pointOf(s.method, s.sparsity);
	landed();
	return r;
}

/** Reports one measurement makes: each sweep point (none once the sweep is cached) and the chosen point. */
export const pruneReports = (weights: Map<string, WeightTensor>, task: Task, backend: Backend) => (sweeps.has(`${backend}:${task}`) ? 0 : sweepPlan(weights).length) + 1;
