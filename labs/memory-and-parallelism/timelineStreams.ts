/**
 * A list scheduler for tasks on streams: each GPU has a compute stream, which runs its tasks in
 * the order they were added (the pipeline schedule decides it), and a comm stream, which runs
 * whichever of its tasks became ready first (NCCL queues work as it is issued). A task starts
 * when its stream is free and every task it depends on has ended; nothing else delays it.
 * Pure: no DOM, no figure.
 */

export type Lane = 'compute' | 'comm';

export interface Task {
	gpu: number;
	lane: Lane;
	duration: number;
	/** Indices of tasks that must end before this one starts. */
	deps: number[];
}

/** Start and end of every task (same indices as the input), seconds. */
export interface Placement {
	start: Float64Array;
	end: Float64Array;
}

const streamKey = (t: Task) => 2 * t.gpu + (t.lane === 'comm' ? 1 : 0);

/**
 * Places the tasks. Picks, over all streams, the task that can start earliest; that greedy order
 * never lets a stream idle while one of its tasks is ready. Throws on a dependency cycle (a
 * schedule that would deadlock), so a bad order cannot silently draw a wrong picture.
 */
export function placeTasks(tasks: readonly Task[]): Placement {
	const n = tasks.length;
	const start = new Float64Array(n).fill(NaN);
	const end = new Float64Array(n).fill(NaN);
	const waiting = new Int32Array(n);
	const dependents: number[][] = Array.from({ length: n }, () => []);
	tasks.forEach((t, i) => {
		waiting[i] = t.deps.length;
		for (const d of t.deps) dependents[d].push(i);
	});

	interface Stream {
		compute: boolean;
		queue: number[];
		head: number;
		ready: number[];
		free: number;
		/** The cached next task (undefined: recompute), null when none is ready. */
		next: { i: number; at: number } | null | undefined;
	}
	const streams = new Map<number, Stream>();
	tasks.forEach((t, i) => {
		const k = streamKey(t);
		let s = streams.get(k);
		if (!s) streams.set(k, (s = { compute: t.lane === 'compute', queue: [], head: 0, ready: [], free: 0, next: undefined }));
		s.queue.push(i);
	});
	const readyAt = (i: number) => tasks[i].deps.reduce((r, d) => Math.max(r, end[d]), 0);
	for (const s of streams.values()) if (!s.compute) for (const i of s.queue) if (waiting[i] === 0) s.ready.push(i);

	/** The stream's next task and when it could start, or null if none is ready. */
	const candidate = (s: Stream) => {
		if (s.compute) {
			if (s.head >= s.queue.length) return null;
			const i = s.queue[s.head];
			return waiting[i] === 0 ? { i, at: Math.max(s.free, readyAt(i)) } : null;
		}
		let best: { i: number; at: number } | null = null;
		for (const i of s.ready) {
			const at = Math.max(s.free, readyAt(i));
			if (!best || at < best.at || (at === best.at && i < best.i)) best = { i, at };
		}
		return best;
	};
	const all = [...streams.values()];

	for (let placed = 0; placed < n; placed++) {
		let s: Stream | null = null;
		for (const c of all) {
			if (c.next === undefined) c.next = candidate(c);
			const a = c.next;
			const b = s?.next;
			if (a && (!b || a.at < b.at || (a.at === b.at && a.i < b.i))) s = c;
		}
		if (!s?.next) throw new Error('timeline: the schedule deadlocks (a task waits on one that can never run)');
		const { i, at } = s.next;
		start[i] = at;
		end[i] = at + tasks[i].duration;
		s.free = end[i];
		s.next = undefined;
		if (s.compute) s.head++;
		else s.ready.splice(s.ready.indexOf(i), 1);
		for (const j of dependents[i]) {
			const sj = streams.get(streamKey(tasks[j])) as Stream;
			if (--waiting[j] === 0 && !sj.compute) sj.ready.push(j);
			sj.next = undefined;
		}
	}
	return { start, end };
}
