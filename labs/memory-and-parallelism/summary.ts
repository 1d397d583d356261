/**
 * From the lab's state to the numbers figures 1–3 draw, by the formulas in formulas.ts. Plain
 * arrays and numbers (the e2e tests compare backends on them, and the build prerenders them).
 */
import {
	activationMemory,
	checkpointBytes,
	flopsPerToken,
	layerActivationTensors,
	optimalInterval,
	parameterCount,
	shardedStateBytes,
	trafficBytes,
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
	/** Data-parallel degree N = gpus / t (whole GPUs only). */
	dataParallel: number;
	/** Memory of one GPU, bytes. */
	capacity: number;
	/** Figure 1: the current setup in fp32, then in mixed precision. */
	precisionBars: GpuBytes[];
	/** Figure 3: ZeRO stages 0–3 at the current setup. */
	zeroStages: ZeroColumn[];
	/** Figure 2: one layer's tensors on one GPU (bytes, order of layerActivationTensors). */
	tensorBytes: number[];
	/** Figure 2: none, selective, full, every-k (at the current k) for all L layers. */
	recompute: RecomputeRow[];
	/** The k minimising M(k), and one checkpoint's bytes. */
	kStar: number;
	checkpoint: number;
}

export type MemoryAndParallelismResults = FormulaResults & { graph: GraphResults };

export const PRECISIONS: readonly Precision[] = ['fp32', 'mixed'];
export const RECOMPUTE_MODES: readonly Recompute[] = ['none', 'selective', 'full', 'every-k'];
export const ZERO_STAGES: readonly ZeroStage[] = [0, 1, 2, 3];

export const capacityGB = (s: Pick<MemoryAndParallelismState, 'gpu' | 'mem'>) => (s.gpu === 'custom' ? s.mem : 80);

/** Tensor parallelism cannot use more GPUs than there are; data parallelism takes what is left. */
export const tensorParallel = (s: Pick<MemoryAndParallelismState, 't' | 'gpus'>) => Math.min(s.t, s.gpus);
export const dataParallel = (s: Pick<MemoryAndParallelismState, 't' | 'gpus'>) => Math.max(1, Math.floor(s.gpus / tensorParallel(s)));

export function activationSetup(s: MemoryAndParallelismState, prec: Precision = s.prec): ActivationSetup {
	return { L: s.L, h: s.h, a: s.a, V: s.V, s: s.s, b: s.b, prec, t: tensorParallel(s), sp: s.sp };
}

/** One GPU's bytes for the state at precision `prec` and ZeRO stage `zero`. */
export function gpuBytes(s: MemoryAndParallelismState, prec: Precision, zero: ZeroStage): GpuBytes {
	const psi = parameterCount(s) / tensorParallel(s);
	const states = shardedStateBytes(psi, prec, zero, dataParallel(s));
	const act = activationMemory(activationSetup(s, prec), s.recompute, s.k);
	return { ...states, activations: act.stored, workingSet: act.workingSet };
}

export function summarize(s: MemoryAndParallelismState): FormulaResults {
	const zero = s.zero as ZeroStage;
	const psi = parameterCount(s);
	const x = activationSetup(s);
	const t = tensorParallel(s);
	const base = flopsPerToken(psi, s, 'none');
	return {
		psi,
		dataParallel: dataParallel(s),
		capacity: capacityGB(s) * 1e9,
		precisionBars: PRECISIONS.map((prec) => gpuBytes(s, prec, zero)),
		zeroStages: ZERO_STAGES.map((z) => ({ ...gpuBytes(s, s.prec, z), traffic: trafficBytes(psi / t, s.prec, z, dataParallel(s)) })),
		tensorBytes: layerActivationTensors(s.prec).map((tensor) => {
			const size = tensor.scales === 'sbh' ? s.s * s.b * s.h : s.a * s.s * s.s * s.b;
			return (size * tensor.bytes) / (tensor.split || s.sp ? t : 1);
		}),
		recompute: RECOMPUTE_MODES.map((mode) => {
			const m = activationMemory(x, mode, s.k);
			return { stored: m.stored, workingSet: m.workingSet, flopsRatio: flopsPerToken(psi, s, mode) / base };
		}),
		kStar: optimalInterval(x),
		checkpoint: checkpointBytes(x)
	};
}
