/**
 * Figure 5's planner: for a layout of d data-, t tensor- and p pipeline-parallel GPUs, what each
 * distinct GPU holds (the first stage also holds the embeddings, the last the output head), how
 * one step's time splits (compute, recompute, bubble, exposed transfers, waiting for data), and
 * the utilisation that follows; then every layout of the same GPUs and batch, the fitting ones
 * ranked by step time. Built on the lab's formulas and figure 4's simulated step: no formula is
 * restated here.
 */
import { activationMemory, flopsPerToken, modelFlopsUtilization, parameterCount, shardedStateBytes, stageLayers, stageParameters, type ZeroStage } from './formulas';
import type { MemoryAndParallelismState } from './lab';
import { totalBytes } from './segments';
import { activationSetup, capacityGB, type GpuBytes } from './summary';
import { simulateTimeline, timelineProblem, type Timeline } from './timeline';
import { dataDegree, timelineInput, timelineLimit } from './timelineInput';

export interface Layout {
	d: number;
	t: number;
	p: number;
}

/** One kind of GPU: the pipeline stages `first…last` (1-based) that hold the same bytes. */
export interface StageBytes extends GpuBytes {
	first: number;
	last: number;
	layers: number;
}

/** The parts of one step, in seconds, in the order figure 5 stacks them. */
export interface StepSplit {
	compute: number;
	recompute: number;
	bubble: number;
	comm: number;
	stall: number;
}
export const STEP_PARTS: readonly (keyof StepSplit)[] = ['compute', 'recompute', 'bubble', 'comm', 'stall'];

export interface Plan {
	layout: Layout;
	/** Micro-batches per pipeline at this layout (the global batch stays the state's). */
	m: number;
	stages: StageBytes[];
	/** The fullest GPU's bytes, and whether it fits the GPU's memory. */
	peakBytes: number;
	fits: boolean;
	step: StepSplit;
	stepTime: number;
	tokensPerStep: number;
	/** Model FLOP/s over the GPUs' peak; HFU also counts the FLOPs recomputation repeats. */
	mfu: number;
	hfu: number;
	timeline: Timeline;
}

type State = MemoryAndParallelismState;

/** The state as laid out: exactly d·t·p GPUs, m micro-batches per pipeline. */
const laidOut = (s: State, { d, t, p }: Layout, m: number): State => ({ ...s, gpus: d * t * p, t, p, m });

/** Every stage's bytes per GPU, merged where consecutive stages hold the same. */
function stageBytes(s: State, layout: Layout, tl: Timeline): StageBytes[] {
	const { d, t, p } = layout;
	const v = tl.input.v;
	const all = stageLayers(s.L, p).map((layers, i): StageBytes => {
		const states = shardedStateBytes(stageParameters(s, p, i) / t, s.prec, s.zero as ZeroStage, d);
		const act = activationMemory({ ...activationSetup(s), L: layers }, s.recompute, s.k);
		// The activations of every micro-batch (chunk) the simulated stage holds at once.
		const held = tl.peakInFlight[i] / v;
		return { ...states, activations: held * act.stored, workingSet: act.workingSet, first: i + 1, last: i + 1, layers };
	});
	const merged: StageBytes[] = [];
	for (const st of all) {
		const prev = merged[merged.length - 1];
		if (prev && Math.abs(totalBytes(prev) - totalBytes(st)) <= 1e-9 * totalBytes(st)) prev.last = st.last;
		else merged.push(st);
	}
	return merged;
}

/** Why this layout cannot be planned, or null. */
export function planProblem(s: State): string | null {
	return timelineLimit(s) ?? timelineProblem(timelineInput(s));
}

/** The plan for the state's own layout (d from the GPUs t and p leave). Throws on a planProblem. */
export function planState(s: State): Plan {
	return planLayout(s, { d: dataDegree(s), t: s.t, p: s.p }, s.m);
}

/**
 * The ranking simulates every candidate layout on each change (21 of them, 0.36 s in Node, on the
 * GPT-3 scene): kept, the controls that do not move the timeline (memory, data stall, ZeRO 0–2)
 * cost no simulation, and neither does going back to a state. The timelines are only read.
 */
const SIMULATIONS_KEPT = 256;
const simulations = new Map<string, Timeline>();
function simulated(input: ReturnType<typeof timelineInput>): Timeline {
	const key = JSON.stringify(input);
	let tl = simulations.get(key);
	if (!tl) {
		tl = simulateTimeline(input);
		if (simulations.size >= SIMULATIONS_KEPT) simulations.delete(simulations.keys().next().value!);
		simulations.set(key, tl);
	}
	return tl;
}

export function planLayout(state: State, layout: Layout, m: number): Plan {
	const s = laidOut(state, layout, m);
	const problem = planProblem(s);
	if (problem) throw new Error(`planner: ${problem}`);
	const tl = simulated(timelineInput(s));
	const psi = parameterCount(s);
	const model = flopsPerToken(psi, s);
	const hardware = flopsPerToken(psi, s, s.recompute);
	// The simulated compute includes the repeated forward; its share is what recomputation adds.
	const recompute = tl.computeTime * (1 - model / hardware);
	// Waiting for data is a share of the whole step: the GPUs run the simulated step in the rest.
	const stepTime = tl.stepTime / (1 - s.stall);
	const step: StepSplit = {
		compute: tl.computeTime - recompute,
		recompute,
		bubble: tl.bubbleTime,
		comm: tl.exposedCommTime,
		stall: stepTime - tl.stepTime
	};
	const gpus = layout.d * layout.t * layout.p;
	const tokensPerStep = layout.d * m * s.b * s.s;
	const stages = stageBytes(s, layout, tl);
	const peakBytes = Math.max(...stages.map(totalBytes));
	return {
		layout,
		m,
		stages,
		peakBytes,
		fits: peakBytes <= capacityGB(s) * 1e9,
		step,
		stepTime,
		tokensPerStep,
		mfu: modelFlopsUtilization(model, tokensPerStep / stepTime, gpus, tl.input.peakFlops),
		hfu: modelFlopsUtilization(hardware, tokensPerStep / stepTime, gpus, tl.input.peakFlops),
		timeline: tl
	};
}

const divisors = (n: number) => Array.from({ length: n }, (_, i) => i + 1).filter((k) => n % k === 0);

/**
 * Every layout d·t·p = gpus the planner will simulate: t within a node and dividing the heads
 * and the width, p dividing the layers (and the chunks), the state's global batch of d·m
 * micro-batches split whole over the d copies.
 */
export function candidateLayouts(s: State): { layout: Layout; m: number }[] {
	const batch = dataDegree(s) * s.m;
	const v = s.sched === 'interleaved' ? s.v : 1;
	const out: { layout: Layout; m: number }[] = [];
	for (const t of divisors(s.gpus)) {
		if (t > s.gpn || s.a % t !== 0 || s.h % t !== 0) continue;
		for (const p of divisors(s.gpus / t)) {
			const d = s.gpus / (t * p);
			if (s.L % (p * v) !== 0 || batch % d !== 0) continue;
			const m = batch / d;
			if (planProblem(laidOut(s, { d, t, p }, m))) continue;
			out.push({ layout: { d, t, p }, m });
		}
	}
	return out;
}

export interface Ranking {
	/** The fitting layouts, fastest step first. */
	fitting: Plan[];
	/** Layouts simulated that do not fit. */
	tooBig: number;
}

export function rankLayouts(s: State): Ranking {
	const plans = candidateLayouts(s).map(({ layout, m }) => planLayout(s, layout, m));
	const fitting = plans.filter((pl) => pl.fits).sort((a, b) => a.stepTime - b.stepTime);
	return { fitting, tooBig: plans.length - fitting.length };
}
