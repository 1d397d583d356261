/**
 * Figure 5's measurement: the LayerNorm and RMSNorm models (standard operator and composition)
 * timed on the active backend on one fixed tensor. Runs are interleaved round by round so a
 * slow moment of the machine hits all four alike, and each run includes reading the output
 * back (on WebGPU that is a download). The median is reported with the spread of the rounds,
 * and LayerNorm's time over RMSNorm's is taken round by round (timingRatio.ts).
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSessionTimed } from '$lib/onnx/session';
import { createRng } from '$lib/random';
import { buildCostGraph, COST_MODELS, COST_SHAPE, type CostModel } from './costModel';
import { pairedRatio, quantile, type RatioSpread } from './timingRatio';

export interface CostTiming {
	backend: Backend;
	shape: readonly [number, number];
	rounds: number;
	/** Milliseconds per run: median and the 25th–75th percentiles over the rounds. */
	timings: { model: CostModel; median: number; low: number; high: number }[];
	/** LayerNorm's time over RMSNorm's, per round: as standard operators and as compositions. */
	ratios: { op: RatioSpread; composed: RatioSpread };
}

const WARMUP = 2;
const ROUNDS = 9;

/** Times the four models; `signal` stops it between runs (a cancelled timing throws). */
export async function measureCost(backend: Backend, signal?: AbortSignal): Promise<CostTiming> {
	const x = createRng(2024).fillNormal(new Float32Array(COST_SHAPE[0] * COST_SHAPE[1]), 1.5);
	const feeds = { x: { data: x, dims: COST_SHAPE } };
	const sessions = await Promise.all(COST_MODELS.map((model) => getSession(backend, `nx-cost-${model}`, () => buildCostGraph(model).bytes)));
	const samples: number[][] = COST_MODELS.map(() => []);
	for (let round = 0; round < WARMUP + ROUNDS; round++) {
		for (let m = 0; m < sessions.length; m++) {
			signal?.throwIfAborted();
			// One run per turn (runSession's): a control change waits for at most one timed run,
			// never the whole set, and the time counts from the turn's start, not the wait.
			const { ms } = await runSessionTimed(sessions[m], feeds);
			if (round >= WARMUP) samples[m].push(ms);
		}
	}
	const of = (model: CostModel) => samples[COST_MODELS.indexOf(model)];
	return {
		backend,
		ratios: {
			op: pairedRatio(of('layer-op'), of('rms-op')),
			composed: pairedRatio(of('layer-composed'), of('rms-composed'))
		},
		shape: COST_SHAPE,
		rounds: ROUNDS,
		timings: COST_MODELS.map((model, m) => {
			const sorted = [...samples[m]].sort((a, b) => a - b);
			return { model, median: quantile(sorted, 0.5), low: quantile(sorted, 0.25), high: quantile(sorted, 0.75) };
		})
	};
}
