/**
 * Figure 4's simulator: one training step of a transformer split over p pipeline stages (each
 * a group of t tensor-parallel GPUs, replicated or FSDP-sharded over d data-parallel copies), as
 * blocks on a timeline per stage. Every GPU of a stage runs the same timeline, so one row stands
 * for the t·d GPUs of its stage.
 *
 * Lengths are inputs, not guesses: compute blocks take FLOPs/(peak·eff), comm blocks bytes per
 * GPU/bandwidth, with ring volumes (all-reduce 2(N−1)/N·D, all-gather and reduce-scatter
 * (N−1)/N·D). What is sent:
 * - PP: one micro-batch's activations (and, backward, their gradients) per hop.
 * - TP: two all-reduces of the activations per layer each way (Megatron); the next layer needs
 *   their result, so they are never hidden.
 * - DP: each unit's gradients all-reduced once, after the last micro-batch's backward of it.
 * - FSDP: each unit's parameters all-gathered before its forward and its backward, its
 *   gradients reduce-scattered after its backward, for every micro-batch.
 * `overlap` is the share of DP buckets and FSDP transfers issued early (a bucket as soon as its
 * gradients are ready, a gather one unit ahead); the rest wait for the compute they could hide
 * under (the end of backward, the end of the previous unit).
 */
import { placeTasks, type Lane, type Task } from './timelineStreams';
import { scheduleProblem, stageOrder, type Schedule } from './timelineOrder';

export type { Schedule } from './timelineOrder';
export type CommKind = 'send' | 'tp' | 'allreduce' | 'gather' | 'reduce-scatter';
export type BlockKind = 'F' | 'B' | CommKind;

export interface TimelineInput {
	schedule: Schedule;
	/** Pipeline stages, micro-batches, model chunks per stage (interleaved only). */
	p: number;
	m: number;
	v: number;
	/** Tensor-parallel and data-parallel degrees. */
	t: number;
	d: number;
	/** How the d copies hold the model: whole (all-reduce gradients) or FSDP-sharded. */
	sharding: 'replicated' | 'fsdp';
	/** Layer units per model chunk: the granularity of blocks, DP buckets and FSDP units. */
	units: number;
	/** Transformer layers in the whole model (sets how many TP all-reduces a unit makes). */
	layers: number;
	/** One micro-batch's forward through the whole model, FLOPs. */
	forwardFlops: number;
	/** Backward FLOPs ÷ forward FLOPs (2 without recomputation). */
	backwardRatio: number;
	/** Peak FLOP/s of one GPU and the share of it the matrix products reach. */
	peakFlops: number;
	eff: number;
	/** One micro-batch's activations at a layer boundary, bytes (b·s·h·bytes per value). */
	activationBytes: number;
	/** The whole model's parameters (= gradients) in the precision they are sent in, bytes. */
	parameterBytes: number;
	/** Bytes/s per GPU for each kind of traffic (Infinity: free). */
	tpBandwidth: number;
	ppBandwidth: number;
	dpBandwidth: number;
	/** 0…1: the share of DP and FSDP traffic issued early enough to hide under compute. */
	overlap: number;
}

export interface Block {
	/** Row: the pipeline stage, 0…p−1. */
	gpu: number;
	lane: Lane;
	start: number;
	end: number;
	kind: BlockKind;
	/** −1 for blocks that belong to no one micro-batch (DP gradient buckets). */
	microbatch: number;
	chunk: number;
	unit: number;
	/** Bytes each GPU sends in this block (0 for compute). */
	bytes: number;
}

export interface Timeline {
	input: TimelineInput;
	blocks: Block[];
	/** Seconds from the first block's start to the last block's end. */
	stepTime: number;
	/** The step time if every transfer were free: compute plus the pipeline bubble. */
	freeCommTime: number;
	/** Compute seconds of the busiest stage. */
	computeTime: number;
	/** Idle time the schedule itself causes (freeCommTime − computeTime), and its share of the step. */
	bubbleTime: number;
	bubbleShare: number;
	/** Time transfers add on top of that (stepTime − freeCommTime), and its share of the step. */
	exposedCommTime: number;
	exposedCommShare: number;
	/**
	 * Per stage: the most micro-batch chunks whose forward has started and whose backward has not
	 * finished at once (micro-batches when v = 1): the activations the stage must keep.
	 */
	peakInFlight: number[];
	/** Per stage: the bytes each of its GPUs sends per step, by kind of transfer. */
	bytesPerGpu: Record<CommKind, number>[];
}

const ringAllReduce = (n: number, bytes: number) => (n > 1 ? (2 * (n - 1) * bytes) / n : 0);
const ringShard = (n: number, bytes: number) => (n > 1 ? ((n - 1) * bytes) / n : 0);
const seconds = (bytes: number, bandwidth: number) => (bytes === 0 || bandwidth === Infinity ? 0 : bytes / bandwidth);
/** Whether item k of n is among the round(overlap·n) issued early. */
const early = (k: number, n: number, overlap: number) => k < Math.round(overlap * n);

/** Why these inputs cannot be simulated, or null. */
export function timelineProblem(input: TimelineInput): string | null {
	const ints: (keyof TimelineInput)[] = ['p', 'm', 'v', 't', 'd', 'units', 'layers'];
	for (const k of ints) {
		const x = input[k] as number;
		if (!Number.isInteger(x) || x < 1) return `${k} must be a whole number ≥ 1 (got ${x})`;
	}
	if (!(input.peakFlops > 0 && input.eff > 0 && input.forwardFlops > 0)) return 'compute needs positive FLOPs, peak and efficiency';
	if (!(input.overlap >= 0 && input.overlap <= 1)) return 'overlap must lie in [0, 1]';
	return scheduleProblem(input.schedule, input.p, input.m, input.v);
}

interface Built {
	tasks: Task[];
	meta: Omit<Block, 'start' | 'end' | 'gpu' | 'lane'>[];
}

/** The task graph of one step: compute in schedule order per stage, transfers with their inputs. */
function buildTasks(input: TimelineInput): Built {
	const { p, m, t, d, units: U, schedule } = input;
	const v = schedule === 'interleaved' ? input.v : 1;
	const pieces = p * v * U;
	const fTime = input.forwardFlops / (pieces * t) / (input.peakFlops * input.eff);
	const bTime = fTime * input.backwardRatio;
	const unitBytes = input.parameterBytes / (pieces * t);
	const tpBytes = t > 1 ? 2 * (input.layers / pieces) * ringAllReduce(t, input.activationBytes) : 0;
	const fsdp = input.sharding === 'fsdp' && d > 1;
	const dp = input.sharding === 'replicated' && d > 1;

	const tasks: Task[] = [];
	const meta: Built['meta'] = [];
	const add = (gpu: number, lane: Lane, duration: number, deps: number[], m: Built['meta'][number]) => {
		tasks.push({ gpu, lane, duration, deps: deps.filter((x) => x >= 0) });
		meta.push(m);
		return tasks.length - 1;
	};
	const orders = Array.from({ length: p }, (_, s) => stageOrder(schedule, p, m, v, s));
	// Where each pass's last piece ends (after its TP all-reduce), keyed pass/micro-batch/virtual stage.
	const passEnd = new Map<string, number>();
	const key = (pass: 'F' | 'B', mb: number, vs: number) => `${pass}${mb}:${vs}`;
	// The compute tasks of each stage, in stream order (FSDP's early/late gathers look back on them).
	const computeOf: number[][] = Array.from({ length: p }, () => []);
	// The last backward of each (chunk, unit) on each stage: where DP buckets become ready.
	const lastB = new Map<string, number>();

	// Passes depend on other stages' passes, so build them in an order where those exist: step k
	// of every stage before step k + 1 of any (a pass's inputs come from an earlier step index or
	// from a pass placed earlier in this sweep; if not, the schedule is cyclic and placeTasks says so).
	const pending = orders.map(() => 0);
	const total = orders.reduce((n, o) => n + o.length, 0);
	for (let done = 0, guard = 0; done < total; guard++) {
		if (guard > total * (p + 1)) throw new Error('timeline: the schedule deadlocks');
		for (let s = 0; s < p; s++) {
			const step = orders[s][pending[s]];
			if (!step) continue;
			const vs = step.chunk * p + s;
			const upstream = step.pass === 'F' ? (vs > 0 ? key('F', step.microbatch, vs - 1) : null) : vs < p * v - 1 ? key('B', step.microbatch, vs + 1) : null;
			if (upstream && !passEnd.has(upstream)) continue;
			// The activations (or their gradients) arrive from the neighbouring stage.
			let input0 = -1;
			if (upstream) {
				const from = step.pass === 'F' ? (vs - 1) % p : (vs + 1) % p;
				const src = passEnd.get(upstream) as number;
				input0 = from === s ? src : add(from, 'comm', seconds(input.activationBytes, input.ppBandwidth), [src], { kind: 'send', microbatch: step.microbatch, chunk: step.chunk, unit: -1, bytes: input.activationBytes });
			}
			const stash = step.pass === 'B' ? (passEnd.get(key('F', step.microbatch, vs)) as number) : -1;
			let prev = -1;
			for (let k = 0; k < U; k++) {
				const u = step.pass === 'F' ? k : U - 1 - k;
				const mine = computeOf[s];
				const ids = { microbatch: step.microbatch, chunk: step.chunk, unit: u };
				let gather = -1;
				if (fsdp) {
					const back = early(k, U, input.overlap) ? 2 : 1;
					gather = add(s, 'comm', seconds(ringShard(d, unitBytes), input.dpBandwidth), [mine.length >= back ? mine[mine.length - back] : -1], { kind: 'gather', ...ids, bytes: ringShard(d, unitBytes) });
				}
				const c = add(s, 'compute', step.pass === 'F' ? fTime : bTime, [k === 0 ? input0 : prev, k === 0 ? stash : -1, gather], { kind: step.pass, ...ids, bytes: 0 });
				mine.push(c);
				prev = tpBytes > 0 ? add(s, 'comm', seconds(tpBytes, input.tpBandwidth), [c], { kind: 'tp', ...ids, bytes: tpBytes }) : c;
				if (step.pass === 'B') {
					lastB.set(`${s}:${step.chunk}:${u}`, prev);
					if (fsdp) add(s, 'comm', seconds(ringShard(d, unitBytes), input.dpBandwidth), [prev], { kind: 'reduce-scatter', ...ids, bytes: ringShard(d, unitBytes) });
				}
			}
			passEnd.set(key(step.pass, step.microbatch, vs), prev);
			pending[s]++;
			done++;
		}
	}

	if (dp) {
		const bytes = ringAllReduce(d, unitBytes);
		for (let s = 0; s < p; s++) {
			// Buckets in the order their gradients become ready; the late ones wait for the whole backward.
			const ready = [...lastB.entries()].filter(([k]) => k.startsWith(`${s}:`)).sort((a, b) => a[1] - b[1]);
			const stageEnd = computeOf[s][computeOf[s].length - 1];
			ready.forEach(([k, at], i) => {
				const [, chunk, unit] = k.split(':').map(Number);
				add(s, 'comm', seconds(bytes, input.dpBandwidth), early(i, ready.length, input.overlap) ? [at] : [at, stageEnd], { kind: 'allreduce', microbatch: -1, chunk, unit, bytes });
			});
		}
	}
	return { tasks, meta };
}

/** In-flight micro-batch chunks per stage, at their most: counted from the blocks alone. */
export function inFlightPeaks(blocks: readonly Block[], p: number): number[] {
	return Array.from({ length: p }, (_, s) => {
		const opened = new Map<string, number>();
		const closed = new Map<string, number>();
		for (const b of blocks) {
			if (b.gpu !== s || b.lane !== 'compute') continue;
			const k = `${b.microbatch}:${b.chunk}`;
			if (b.kind === 'F') opened.set(k, Math.min(opened.get(k) ?? Infinity, b.start));
			if (b.kind === 'B') closed.set(k, Math.max(closed.get(k) ?? -Infinity, b.end));
		}
		const events = [...opened].flatMap(([k, at]) => [
			{ at, delta: 1 },
			{ at: closed.get(k) ?? Infinity, delta: -1 }
		]);
		// A backward that ends exactly when a forward starts frees its slot first.
		events.sort((a, b) => a.at - b.at || a.delta - b.delta);
		let now = 0;
		let peak = 0;
		for (const e of events) peak = Math.max(peak, (now += e.delta));
		return peak;
	});
}

function place(input: TimelineInput, built: Built, free: boolean): Block[] {
	const tasks = free ? built.tasks.map((t) => (t.lane === 'comm' ? { ...t, duration: 0 } : t)) : built.tasks;
	const { start, end } = placeTasks(tasks);
	return tasks.map((t, i) => ({ gpu: t.gpu, lane: t.lane, start: start[i], end: end[i], ...built.meta[i] }));
}

/** Simulates one training step. Throws with the reason when `timelineProblem` finds one. */
export function simulateTimeline(input: TimelineInput): Timeline {
	const problem = timelineProblem(input);
	if (problem) throw new Error(`timeline: ${problem}`);
	const built = buildTasks(input);
	const blocks = place(input, built, false);
	const span = (bs: Block[]) => bs.reduce((mx, b) => Math.max(mx, b.end), 0);
	const stepTime = span(blocks);
	const freeCommTime = span(place(input, built, true));
	const busy = Array.from({ length: input.p }, (_, s) => blocks.filter((b) => b.gpu === s && b.lane === 'compute').reduce((sum, b) => sum + b.end - b.start, 0));
	const computeTime = Math.max(...busy);
	const bytesPerGpu = busy.map((): Record<CommKind, number> => ({ send: 0, tp: 0, allreduce: 0, gather: 0, 'reduce-scatter': 0 }));
	for (const b of blocks) if (b.kind !== 'F' && b.kind !== 'B') bytesPerGpu[b.gpu][b.kind] += b.bytes;
	// Sums of block lengths round differently from the path that adds them up: clamp the ulps.
	// (A greedy schedule can in principle run slower with free transfers; that too reads as 0.)
	const bubbleTime = Math.max(0, freeCommTime - computeTime);
	const exposedCommTime = Math.max(0, stepTime - freeCommTime);
	return {
		input,
		blocks,
		stepTime,
		freeCommTime,
		computeTime,
		bubbleTime,
		bubbleShare: stepTime > 0 ? bubbleTime / stepTime : 0,
		exposedCommTime,
		exposedCommShare: stepTime > 0 ? exposedCommTime / stepTime : 0,
		peakInFlight: inFlightPeaks(blocks, input.p),
		bytesPerGpu
	};
}
