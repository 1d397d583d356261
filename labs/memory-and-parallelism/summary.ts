/**
 * From the lab's state to the numbers figures 1–3 draw, by the formulas in formulas.ts. Plain
 * arrays and numbers (the e2e tests compare backends on them, and the build prerenders them).
 */
import {
	activationMemory,
	bestInterval,
	checkpointBytes,
	flopsPerToken,
	layerActivationBytes,
	layerActivationTensors,
	microBatchesHeld,
	parameterCount,
	shardedStateBytes,
	stageLayers,
	stageParameters,
	trafficBytes,
	type ActivationMemory,
	type ActivationSetup,
	type Precision,
	type Recompute,
	type ZeroStage
} from './formulas';
import type { GraphResults } from './graphResults';
import type { MemoryAndParallelismState } from './lab';

/** What one GPU holds, in bytes. */
export interface GpuBytes {
	params: number;
	grads: number;
	adam: number;
	master: number;
	/** Activations kept through the step. */
	activations: number;
	/** The recomputed segment's tensors, live during its backward (0 without recompute). */
	workingSet: number;
}

export interface ZeroColumn extends GpuBytes {
	/** Bytes one GPU sends per step for gradients and parameters. */
	traffic: number;
}

export interface RecomputeRow {
	stored: number;
	workingSet: number;
	/** Training FLOPs per token over those with nothing recomputed. */
	flopsRatio: number;
}

/** What the formulas give (figures 1–3); compute.ts adds figure 6's graph. */
export interface FormulaResults {
	psi: number;
	/** Data-parallel degree N = gpus / (t·p) (whole GPUs only). */
	dataParallel: number;
	/** The pipeline stage figures 1–3 draw a GPU of (the first): its layers, its parameters (before t) and the micro-batches it holds at once. */
	stage: { layers: number; params: number; held: number };
	/** Memory of one GPU, bytes. */
	capacity: number;
	/** Figure 1: the current setup in fp32, then in mixed precision. */
	precisionBars: GpuBytes[];
	/** Figure 3: ZeRO stages 0–3 at the current setup. */
	zeroStages: ZeroColumn[];
	/** Figure 2: one layer's tensors on one GPU (bytes, order of layerActivationTensors). */
	tensorBytes: number[];
	/** Figure 2: none, selective, full, every-k (at the current k) on one GPU of the first stage (all L layers when p = 1). */
	recompute: RecomputeRow[];
	/** The k minimising M(k) over the first stage's layers, and one checkpoint's bytes. */
	kStar: number;
	checkpoint: number;
}

export type MemoryAndParallelismResults = FormulaResults & { graph: GraphResults };

export const PRECISIONS: readonly Precision[] = ['fp32', 'mixed'];
export const RECOMPUTE_MODES: readonly Recompute[] = ['none', 'selective', 'full', 'every-k'];
export const ZERO_STAGES: readonly ZeroStage[] = [0, 1, 2, 3];

export const capacityGB = (s: Pick<MemoryAndParallelismState, 'gpu' | 'mem'>) => (s.gpu === 'custom' ? s.mem : 80);

/** Tensor parallelism cannot use more GPUs than there are; data parallelism takes what t and p leave. */
export const tensorParallel = (s: Pick<MemoryAndParallelismState, 't' | 'gpus'>) => Math.min(s.t, s.gpus);
export const dataParallel = (s: Pick<MemoryAndParallelismState, 't' | 'p' | 'gpus'>) => Math.max(1, Math.floor(s.gpus / (tensorParallel(s) * s.p)));

const inFlight = (held: number) => `${held} micro-batch${held === 1 ? '' : 'es'} in flight`;

/** What a GPU of the first stage holds, in words: "6 layers and the embeddings, 4 micro-batches in flight". */
export const stageHolds = (stage: { layers: number; held: number }) => `${stage.layers} layers and the embeddings, ${inFlight(stage.held)}`;

/**
 * The GPU figures 1–3 draw: with pipeline stages (p > 1), one of the first stage's, which holds
 * the embeddings and the most micro-batches in flight (figure 5 draws every stage); with p = 1,
 * any GPU. Its layers, the parameters it keeps (before t splits them), and the micro-batches
 * whose activations it holds at once.
 */
export function firstStage(s: MemoryAndParallelismState): { layers: number; params: number; held: number } {
	return {
		layers: stageLayers(s.L, s.p)[0],
		params: stageParameters(s, s.p, 0),
		held: microBatchesHeld(s.p, s.m, s.sched, s.v)
	};
}

export function activationSetup(s: MemoryAndParallelismState, prec: Precision = s.prec): ActivationSetup {
	return { L: s.L, h: s.h, a: s.a, V: s.V, s: s.s, b: s.b, prec, t: tensorParallel(s), sp: s.sp };
}

/** Whose activations figure 2 counts, in words: "all 32 layers", or "the first stage's 8 layers, 4 micro-batches in flight". */
export function activationsHeldBy(s: MemoryAndParallelismState): string {
	if (s.p <= 1) return `all ${s.L} layers`;
	const stage = firstStage(s);
	return `the first stage's ${stage.layers} layer${stage.layers === 1 ? '' : 's'}, ${inFlight(stage.held)}`;
}

/** The activation setup of one GPU of the first stage: its layers only. */
export const stageSetup = (s: MemoryAndParallelismState, prec: Precision = s.prec): ActivationSetup => ({ ...activationSetup(s, prec), L: firstStage(s).layers });

/**
 * The activations one GPU of the first stage holds under a recompute mode: what its layers keep,
 * once per micro-batch in flight, and a recompute's working set (one micro-batch's backward at a time).
 */
export function stageActivations(s: MemoryAndParallelismState, mode: Recompute, k: number, x: ActivationSetup = stageSetup(s)): ActivationMemory {
	const m = activationMemory(x, mode, k);
	return { stored: firstStage(s).held * m.stored, workingSet: m.workingSet };
}

/**
 * The best checkpoint interval for one GPU of the first stage. Each micro-batch in flight keeps
 * its own checkpoints while the recompute's working set serves one at a time, so
 * M(k) = held·(L/k)·c + k·w and k* = √(held·L·c/w): the textbook √(L·c/w) when p = 1.
 */
export function stageInterval(s: MemoryAndParallelismState): number {
	const x = stageSetup(s);
	return bestInterval(firstStage(s).held * x.L, checkpointBytes(x), layerActivationBytes(x));
}

/** One GPU's bytes for the state at precision `prec` and ZeRO stage `zero`. */
export function gpuBytes(s: MemoryAndParallelismState, prec: Precision, zero: ZeroStage): GpuBytes {
	const stage = firstStage(s);
	const states = shardedStateBytes(stage.params / tensorParallel(s), prec, zero, dataParallel(s));
	const act = stageActivations(s, s.recompute, s.k, stageSetup(s, prec));
	return { ...states, activations: act.stored, workingSet: act.workingSet };
}

export function summarize(s: MemoryAndParallelismState): FormulaResults {
	const zero = s.zero as ZeroStage;
	const psi = parameterCount(s);
	const x = activationSetup(s);
	const t = tensorParallel(s);
	const base = flopsPerToken(psi, s, 'none');
	const stage = firstStage(s);
	return {
		psi,
		dataParallel: dataParallel(s),
		stage,
		capacity: capacityGB(s) * 1e9,
		precisionBars: PRECISIONS.map((prec) => gpuBytes(s, prec, zero)),
		zeroStages: ZERO_STAGES.map((z) => ({ ...gpuBytes(s, s.prec, z), traffic: trafficBytes(stage.params / t, s.prec, z, dataParallel(s)) })),
		tensorBytes: layerActivationTensors(s.prec).map((tensor) => {
			const size = tensor.scales === 'sbh' ? s.s * s.b * s.h : s.a * s.s * s.s * s.b;
			return (size * tensor.bytes) / (tensor.split || s.sp ? t : 1);
		}),
		recompute: RECOMPUTE_MODES.map((mode) => ({ ...stageActivations(s, mode, s.k), flopsRatio: flopsPerToken(psi, s, mode) / base })),
		kStar: stageInterval(s),
		checkpoint: checkpointBytes(x)
	};
}
