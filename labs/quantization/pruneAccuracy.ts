/**
 * Figure 5's measurement: held-out token accuracy of the chosen task's transformer with its linear
 * weights pruned (pruning.ts) at fractions 0, 0.1 … 0.9 by each method, and at the reader's method
 * and fraction. Every point is a run on the page's backend: magnitude pruning in qmodel.ts's
 * full-size graph, fed the pruned weights as float weights (zeros included), as a dense kernel
 * runs them; structured pruning in the smaller model it leaves (smaller.ts, prunedModel.ts).
 * Structured pruning stops where every MLP neuron, or every head, is gone: each holds under half
 * the linear weights. Heads are removed in the order an ablation measures first: each head
 * removed alone, one run each; the head whose removal keeps the most tokens right goes first.
 */
import type { Task } from '$labs/attention-heatmaps/tasks';
import type { Backend } from '$lib/onnx/backend';
import { scorer } from './accuracy';
import { prunedFlops, prunedScorer } from './prunedModel';
import { ALL_HEADS, type Head, type PruneMethod } from './heads';
import { headsFor, linearFlops, linearWeightCount, neuronsFor, neuronsPerLayer, prune, removedFraction } from './pruning';
import { smallerFor, smallerModel } from './smaller';
import type { WeightTensor } from './weights';

export const PRUNE_METHODS = ['layer', 'global', 'neurons', 'heads'] as const satisfies readonly PruneMethod[];
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
	/** Each head removed alone, in ALL_HEADS order: held-out tokens right (measured before the heads' sweep). */
	ablation: (Head & { right: number })[];
	/** The reader's method and fraction; null until its run lands. */
	chosen: PrunePoint | null;
}

/** The sweep's (method, fraction) pairs: fraction 0 once (all methods agree there), structured up to its last reachable count. */
export function sweepPlan(weights: Map<string, WeightTensor>): { method: PruneMethod; sparsity: number }[] {
	const plan: { method: PruneMethod; sparsity: number }[] = [{ method: 'layer', sparsity: 0 }];
	// Structured methods remove whole units: a fraction that rounds to a count already measured is skipped.
	const units: Partial<Record<PruneMethod, { count: (s: number) => number; all: number }>> = {
		neurons: { count: (s) => neuronsFor(weights, s), all: neuronsPerLayer(weights) },
		heads: { count: (s) => headsFor(weights, s), all: ALL_HEADS.length }
	};
	for (const method of PRUNE_METHODS) {
		const unit = units[method];
		const seen = new Set<number>([0]);
		for (const sparsity of FRACTIONS.slice(1)) {
			if (unit) {
				const k = unit.count(sparsity);
				if (seen.has(k)) continue;
				seen.add(k);
			}
			plan.push({ method, sparsity });
		}
		if (unit && !seen.has(unit.all)) plan.push({ method, sparsity: 1 });
	}
	return plan;
}

/** The order heads are removed in: the ablation's most tokens right first (ties: model order). */
export function headOrder(ablation: readonly (Head & { right: number })[]): Head[] {
	return ablation
		.map((a, i) => ({ a, i }))
		.sort((x, y) => y.a.right - x.a.right || x.i - y.i)
		.map(({ a }) => ({ layer: a.layer, head: a.head }));
}

/** A finished sweep per backend and task: the reader's changes of method and fraction then cost one run. */
const sweeps = new Map<string, Pick<PruneResult, 'points' | 'ablation'>>();

/** Forgets the finished sweeps: for a test that counts a whole sweep's reports, whatever ran before it in the same module graph. */
export function forgetSweeps(): void {
	sweeps.clear();
}

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
	const rightOf = async (pruned: Map<string, WeightTensor>) => (await scorer(s.task, pruned, backend)).score(null, null);
	const smaller = prunedScorer(s.task, backend);
	const r: PruneResult = { tokens, linearWeights: linearWeightCount(weights), denseFlops: linearFlops(weights, 'layer', 0), points: [], ablation: [], chosen: null };
	const pointOf = async (method: PruneMethod, sparsity: number): Promise<PrunePoint> => {
		const removed = removedFraction(weights, method, sparsity);
		if (method === 'layer' || method === 'global') return { method, sparsity, removed, right: await rightOf(prune(weights, method, sparsity)), flops: linearFlops(weights, method, sparsity) };
		// Structured: the smaller model runs, and its FLOPs are counted from the matrices it was fed.
		const model = smallerFor(weights, method, sparsity, method === 'heads' ? headOrder(r.ablation) : undefined);
		return { method, sparsity, removed, right: await smaller.right(model), flops: prunedFlops(model) };
	};
	let runs = 0;
	const landed = () => report({ ...r, points: [...r.points], ablation: [...r.ablation] }, ++runs);
	const key = `${backend}:${s.task}`;
	const cached = sweeps.get(key);
	if (cached) Object.assign(r, { points: [...cached.points], ablation: [...cached.ablation] });
	else {
		for (const { method, sparsity } of sweepPlan(weights)) {
			// The heads' order is measured just before their first point.
			if (method === 'heads' && r.ablation.length === 0)
				for (const head of ALL_HEADS) {
					r.ablation.push({ ...head, right: await smaller.right(smallerModel(weights, new Map(), [head])) });
					if (!landed()) return r;
				}
			r.points.push(await pointOf(method, sparsity));
			if (!landed()) return r;
		}
		sweeps.set(key, { points: [...r.points], ablation: [...r.ablation] });
	}
	const same = r.points.find((p) => p.method === s.method && removedFraction(weights, p.method, p.sparsity) === removedFraction(weights, s.method, s.sparsity));
	r.chosen = same ? { ...same, sparsity: s.sparsity } : await pointOf(s.method, s.sparsity);
	landed();
	return r;
}

/** Reports one measurement makes: each sweep point and head ablation (none once the sweep is cached) and the chosen point. */
export const pruneReports = (weights: Map<string, WeightTensor>, task: Task, backend: Backend) =>
	(sweeps.has(`${backend}:${task}`) ? 0 : sweepPlan(weights).length + ALL_HEADS.length) + 1;
