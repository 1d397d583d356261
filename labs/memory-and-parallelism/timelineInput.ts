/**
 * From the lab's controls to figure 4's simulation input. The hardware numbers are the vendors'
 * published dense peaks and link speeds; they set block lengths only (the figure is analytic).
 */
import { activationElementBytes, flopsPerToken, parameterCount } from './formulas';
import type { MemoryAndParallelismState } from './lab';
import type { TimelineInput } from './timeline';

/** Dense peak FLOP/s per GPU (16-bit tensor cores, and plain fp32), link bytes/s per GPU per direction. */
export const HARDWARE = {
	a100: { mixed: 312e12, fp32: 19.5e12, nvlink: 300e9, network: 25e9 },
	h100: { mixed: 989e12, fp32: 67e12, nvlink: 450e9, network: 50e9 }
} as const;

/** Past this many (stage × micro-batch × chunk) slots the chart would draw thousands of blocks. */
export const MAX_SLOTS = 1024;

export type TimelineControls = Pick<
	MemoryAndParallelismState,
	'L' | 'h' | 'a' | 'V' | 's' | 'b' | 'prec' | 'recompute' | 'gpus' | 'gpn' | 't' | 'p' | 'm' | 'sched' | 'v' | 'zero' | 'gpu' | 'eff' | 'overlap'
>;

/** The data-parallel degree left once tensor and pipeline parallelism take their GPUs. */
export const dataDegree = (s: Pick<TimelineControls, 'gpus' | 't' | 'p'>) => Math.max(1, Math.floor(s.gpus / (s.t * s.p)));

export function timelineInput(s: TimelineControls): TimelineInput {
	// A custom GPU has no published numbers: it is drawn with the A100's.
	const hw = HARDWARE[s.gpu === 'h100' ? 'h100' : 'a100'];
	const psi = parameterCount(s);
	const bytes = activationElementBytes(s.prec);
	// One stage has no pipeline to schedule (lab.ts marks the schedule inactive): its micro-batches
	// run one after another, forward then backward, as 1F1B orders them; GPipe's order would keep
	// every micro-batch's activations at once for nothing.
	const schedule = s.p === 1 ? '1f1b' : s.sched;
	const v = schedule === 'interleaved' ? s.v : 1;
	// Tensor parallelism stays inside a node (NVLink); pipeline hops and data-parallel rings leave
	// it once a stage's GPUs fill more than one node.
	const nodeLink = (gpusSpanned: number) => (gpusSpanned <= s.gpn ? hw.nvlink : hw.network);
	return {
		schedule,
		p: s.p,
		m: s.m,
		v,
		t: s.t,
		d: dataDegree(s),
		sharding: s.zero === 3 ? 'fsdp' : 'replicated',
		units: Math.max(1, Math.min(4, Math.floor(s.L / (s.p * v)))),
		layers: s.L,
		// One micro-batch's forward is a third of 6Ψ + 12Lsh per token (the model FLOPs); backward
		// does the rest, plus whatever the recompute mode runs again (2 with none, 3 with full).
		forwardFlops: (flopsPerToken(psi, s) / 3) * s.b * s.s,
		backwardRatio: (3 * flopsPerToken(psi, s, s.recompute)) / flopsPerToken(psi, s) - 1,
		peakFlops: s.prec === 'fp32' ? hw.fp32 : hw.mixed,
		eff: s.eff,
		activationBytes: s.b * s.s * s.h * bytes,
		parameterBytes: psi * bytes,
		tpBandwidth: nodeLink(s.t),
		ppBandwidth: nodeLink(s.t * s.p),
		dpBandwidth: nodeLink(s.t * s.p * dataDegree(s)),
		overlap: s.overlap
	};
}

/** Why figure 4 draws no timeline for these controls, or null. */
export function timelineLimit(s: TimelineControls): string | null {
	if (s.t * s.p > s.gpus) return `t × p = ${s.t * s.p} is more than the ${s.gpus} GPUs.`;
	const slots = s.p * s.m * (s.sched === 'interleaved' && s.p > 1 ? s.v : 1);
	if (slots > MAX_SLOTS) return `${slots} stage × micro-batch slots is more than this chart draws (${MAX_SLOTS}); lower m or p.`;
	return null;
}
