/**
 * Figure 4's simulator against the spec's facts, each recomputed here from its formula, and
 * against the rules any schedule must keep (recounted from the blocks, not read from the
 * simulator's own summaries): no two blocks share a GPU's stream at once, and no block starts
 * before what it needs has ended.
 */
import { describe, expect, it } from 'vitest';
import { simulateTimeline, timelineProblem, type Block, type Timeline, type TimelineInput } from './timeline';
import { placeTasks } from './timelineStreams';

const PEAK = 312e12;
const EFF = 0.7;
const FWD = 3e12;

/** Free communication: only the schedule shapes the step. */
const free = (over: Partial<TimelineInput>): TimelineInput => ({
	schedule: '1f1b',
	p: 4,
	m: 8,
	v: 1,
	t: 1,
	d: 1,
	sharding: 'replicated',
	units: 1,
	layers: 32,
	forwardFlops: FWD,
	backwardRatio: 2,
	peakFlops: PEAK,
	eff: EFF,
	activationBytes: 2 * 4096 * 4096,
	parameterBytes: 2 * 6.6e9,
	tpBandwidth: Infinity,
	ppBandwidth: Infinity,
	dpBandwidth: Infinity,
	overlap: 0.8,
	...over
});
/** Finite bandwidths: NVLink-class inside a node, network-class across. */
const costly = (over: Partial<TimelineInput>): TimelineInput => free({ tpBandwidth: 150e9, ppBandwidth: 25e9, dpBandwidth: 25e9, ...over });

const bubbleFormula = (p: number, m: number, v = 1) => (p - 1) / (v * m + p - 1);

describe('the pipeline bubble with free communication', () => {
	it('is (p−1)/(m+p−1) of the step for GPipe and 1F1B, 27.3% at p 4, m 8', () => {
		for (const schedule of ['gpipe', '1f1b'] as const) {
			for (const [p, m] of [[4, 8], [2, 1], [4, 4], [4, 32], [8, 3], [3, 16]]) {
				const r = simulateTimeline(free({ schedule, p, m }));
				expect(r.bubbleShare).toBeCloseTo(bubbleFormula(p, m), 12);
				// The same share from the step time alone: (m + p − 1) slots of one F and one B.
				const slot = ((1 + 2) * FWD) / p / (PEAK * EFF);
				expect(r.stepTime).toBeCloseTo((m + p - 1) * slot, 12);
			}
		}
		expect((100 * simulateTimeline(free({ p: 4, m: 8 })).bubbleShare).toFixed(1)).toBe('27.3');
	});

	it('is (p−1)/(vm+p−1) for the interleaved schedule', () => {
		for (const [p, m, v] of [[4, 8, 2], [4, 8, 4], [2, 6, 3], [4, 4, 2], [8, 16, 2]]) {
			const r = simulateTimeline(free({ schedule: 'interleaved', p, m, v }));
			expect(r.bubbleShare).toBeCloseTo(bubbleFormula(p, m, v), 12);
		}
	});

	it('does not depend on how the stage is cut into units, or on the backward/forward ratio', () => {
		const r = simulateTimeline(free({ schedule: '1f1b', p: 4, m: 8, units: 3, backwardRatio: 3 }));
		expect(r.bubbleShare).toBeCloseTo(bubbleFormula(4, 8), 12);
	});

	it('is none on one stage', () => {
		expect(simulateTimeline(free({ p: 1, m: 8 })).bubbleShare).toBeCloseTo(0, 12);
	});
});

/** Most (micro-batch, chunk) pairs a stage holds at once, counted at every forward's start. */
function heldAtMost(r: Timeline, stage: number): number {
	const mine = r.blocks.filter((b) => b.gpu === stage && b.lane === 'compute');
	const pairs = new Map<string, { from: number; to: number }>();
	for (const b of mine) {
		const k = `${b.microbatch}/${b.chunk}`;
		const h = pairs.get(k) ?? { from: Infinity, to: -Infinity };
		if (b.kind === 'F') h.from = Math.min(h.from, b.start);
		else h.to = Math.max(h.to, b.end);
		pairs.set(k, h);
	}
	const held = [...pairs.values()];
	return Math.max(...held.map((x) => held.filter((y) => y.from <= x.from && y.to > x.from).length));
}

describe('micro-batches in flight', () => {
	it('1F1B keeps at most p on the first stage, GPipe keeps all m', () => {
		for (const [p, m] of [[4, 8], [4, 32], [8, 16], [4, 2]]) {
			const one = simulateTimeline(free({ schedule: '1f1b', p, m }));
			const gpipe = simulateTimeline(free({ schedule: 'gpipe', p, m }));
			expect(heldAtMost(one, 0)).toBe(Math.min(p, m));
			expect(heldAtMost(gpipe, 0)).toBe(m);
			expect(one.peakInFlight[0]).toBe(heldAtMost(one, 0));
			expect(gpipe.peakInFlight[0]).toBe(m);
			// Later stages hold fewer under 1F1B: stage s at most p − s.
			for (let s = 0; s < p; s++) expect(heldAtMost(one, s)).toBeLessThanOrEqual(p - s);
		}
	});
});

/** Every block of every GPU's streams, in order, ends before the next one starts. */
function expectNoOverlap(blocks: readonly Block[]) {
	const streams = new Map<string, Block[]>();
	for (const b of blocks) {
		const k = `${b.gpu}/${b.lane}`;
		streams.set(k, [...(streams.get(k) ?? []), b]);
	}
	for (const list of streams.values()) {
		list.sort((a, b) => a.start - b.start || a.end - b.end);
		for (let i = 1; i < list.length; i++) expect(list[i].start).toBeGreaterThanOrEqual(list[i - 1].end - 1e-12);
	}
}

/** The rules of a training step, written from scratch: each returns the blocks a block needs. */
function expectDependencies(r: Timeline) {
	const { p, units: U, schedule } = r.input;
	const v = schedule === 'interleaved' ? r.input.v : 1;
	const eps = 1e-12;
	const vsOf = (b: Block) => b.chunk * p + b.gpu;
	const compute = r.blocks.filter((b) => b.lane === 'compute');
	const of = (kind: string, mb: number, vs: number) => r.blocks.filter((b) => b.kind === kind && b.microbatch === mb && b.lane === 'compute' && vsOf(b) === vs);
	const tpOf = (b: Block) => r.blocks.find((x) => x.kind === 'tp' && x.gpu === b.gpu && x.microbatch === b.microbatch && x.chunk === b.chunk && x.unit === b.unit && x.start >= b.end - eps);
	const doneAt = (b: Block) => tpOf(b)?.end ?? b.end;
	const after = (b: Block, t: number) => expect(b.start).toBeGreaterThanOrEqual(t - eps);
	for (const b of compute) {
		const vs = vsOf(b);
		const firstUnit = b.kind === 'F' ? b.unit === 0 : b.unit === U - 1;
		const sameMb = of(b.kind, b.microbatch, vs);
		// Units of a pass run in order, each after the previous unit's TP all-reduce.
		const prevUnit = sameMb.find((x) => x.unit === (b.kind === 'F' ? b.unit - 1 : b.unit + 1));
		if (prevUnit) after(b, doneAt(prevUnit));
		if (b.kind === 'B') for (const f of of('F', b.microbatch, vs)) after(b, doneAt(f));
		if (!firstUnit) continue;
		const up = b.kind === 'F' ? vs - 1 : vs + 1;
		if (up < 0 || up >= p * v) continue;
		const upstream = of(b.kind, b.microbatch, up);
		expect(upstream).toHaveLength(U);
		for (const x of upstream) after(b, doneAt(x));
		if (up % p !== b.gpu) {
			// The hop: a send on the upstream GPU, started after upstream finished, ended before this.
			const send = r.blocks.find((x) => x.kind === 'send' && x.gpu === up % p && x.microbatch === b.microbatch && x.start >= Math.max(...upstream.map(doneAt)) - eps && x.end <= b.start + eps);
			expect(send).toBeDefined();
		}
	}
	for (const c of r.blocks.filter((b) => b.lane === 'comm')) {
		const owner = compute.filter((b) => b.gpu === c.gpu && b.chunk === c.chunk && b.unit === c.unit);
		if (c.kind === 'gather') {
			// Its compute block starts after it.
			const user = owner.filter((b) => b.microbatch === c.microbatch && b.start >= c.end - eps);
			expect(user.length).toBeGreaterThan(0);
		}
		if (c.kind === 'reduce-scatter') expect(owner.some((b) => b.kind === 'B' && b.microbatch === c.microbatch && b.end <= c.start + eps)).toBe(true);
		if (c.kind === 'allreduce') {
			// A DP bucket waits for the unit's gradients from every micro-batch.
			for (const b of owner.filter((x) => x.kind === 'B')) after(c, doneAt(b));
		}
	}
}

const VARIETY: TimelineInput[] = [
	free({ schedule: 'gpipe', p: 4, m: 8 }),
	free({ schedule: 'interleaved', p: 4, m: 8, v: 2, units: 2 }),
	costly({ schedule: '1f1b', p: 4, m: 8, t: 2, d: 4, units: 2 }),
	costly({ schedule: 'gpipe', p: 2, m: 4, t: 4, d: 2, units: 3, overlap: 0 }),
	costly({ schedule: 'interleaved', p: 2, m: 4, v: 3, t: 2, d: 2, units: 2, overlap: 0.5 }),
	costly({ schedule: '1f1b', p: 1, m: 4, d: 8, units: 4, sharding: 'fsdp', overlap: 1 }),
	costly({ schedule: '1f1b', p: 2, m: 4, t: 2, d: 8, units: 3, sharding: 'fsdp', overlap: 0 })
];

describe('every schedule keeps the rules', () => {
	it.each(VARIETY.map((x, i) => [i, x] as const))('case %i: no two blocks on one GPU stream overlap', (_, input) => {
		expectNoOverlap(simulateTimeline(input).blocks);
	});
	it.each(VARIETY.map((x, i) => [i, x] as const))('case %i: every dependency is respected', (_, input) => {
		expectDependencies(simulateTimeline(input));
	});
	it.each(VARIETY.map((x, i) => [i, x] as const))('case %i: every pass runs once, unit by unit, on its stage', (_, input) => {
		const r = simulateTimeline(input);
		const v = input.schedule === 'interleaved' ? input.v : 1;
		const compute = r.blocks.filter((b) => b.lane === 'compute');
		expect(compute).toHaveLength(2 * input.p * input.m * v * input.units);
		expect(new Set(compute.map((b) => `${b.kind}${b.microbatch}:${b.chunk}:${b.unit}:${b.gpu}`)).size).toBe(compute.length);
	});
});

describe('block lengths and volumes', () => {
	it('times compute as FLOPs/(peak·eff) and transfers as bytes/bandwidth', () => {
		const input = costly({ p: 2, m: 2, t: 4, d: 2, units: 2 });
		const r = simulateTimeline(input);
		const fwd = FWD / (2 * 2 * 4) / (PEAK * EFF);
		for (const b of r.blocks) {
			const len = b.end - b.start;
			if (b.kind === 'F') expect(len).toBeCloseTo(fwd, 15);
			if (b.kind === 'B') expect(len).toBeCloseTo(2 * fwd, 15);
			if (b.kind === 'tp') expect(len).toBeCloseTo(b.bytes / input.tpBandwidth, 15);
			if (b.kind === 'send') expect(len).toBeCloseTo(b.bytes / input.ppBandwidth, 15);
			if (b.kind === 'allreduce') expect(len).toBeCloseTo(b.bytes / input.dpBandwidth, 15);
		}
	});

	it('sends the ring volumes: TP 4 all-reduces of bsh per layer, DP 2(d−1)/d of the stage\'s gradients', () => {
		const [p, m, t, d, L] = [2, 3, 4, 8, 32];
		const input = costly({ p, m, t, d, layers: L, units: 2 });
		const r = simulateTimeline(input);
		const A = input.activationBytes;
		for (let s = 0; s < p; s++) {
			const sum = (kind: string) => r.blocks.filter((b) => b.gpu === s && b.kind === kind).reduce((x, b) => x + b.bytes, 0);
			expect(sum('tp')).toBeCloseTo(m * (L / p) * 4 * ((2 * (t - 1)) / t) * A, 0);
			expect(sum('allreduce')).toBeCloseTo(((2 * (d - 1)) / d) * (input.parameterBytes / (p * t)), 0);
			// One hop per micro-batch each way, except past the ends.
			expect(sum('send')).toBe(m * A);
			expect(r.bytesPerGpu[s].tp).toBeCloseTo(sum('tp'), 0);
		}
	});

	it('FSDP sends 1.5× what DP sends in a step of one micro-batch (3Ψ vs 2Ψ)', () => {
		const dp = simulateTimeline(costly({ p: 1, m: 1, d: 64, units: 4 }));
		const fsdp = simulateTimeline(costly({ p: 1, m: 1, d: 64, units: 4, sharding: 'fsdp' }));
		const total = (r: Timeline) => r.blocks.reduce((x, b) => x + b.bytes, 0);
		expect(total(fsdp) / total(dp)).toBeCloseTo(3 / 2, 12);
	});
});

describe('overlap', () => {
	it('hides DP buckets under the backward when on, and waits for the backward when off', () => {
		const on = simulateTimeline(costly({ p: 1, m: 2, d: 8, units: 8, overlap: 1 }));
		const off = simulateTimeline(costly({ p: 1, m: 2, d: 8, units: 8, overlap: 0 }));
		const lastCompute = Math.max(...off.blocks.filter((b) => b.lane === 'compute').map((b) => b.end));
		for (const b of off.blocks.filter((x) => x.kind === 'allreduce')) expect(b.start).toBeGreaterThanOrEqual(lastCompute);
		expect(on.blocks.some((b) => b.kind === 'allreduce' && b.start < lastCompute)).toBe(true);
		expect(on.exposedCommTime).toBeLessThan(off.exposedCommTime);
		// Off: the buckets run back to back after the compute, so all of them are exposed.
		const buckets = off.blocks.filter((b) => b.kind === 'allreduce').reduce((x, b) => x + b.end - b.start, 0);
		expect(off.exposedCommTime).toBeCloseTo(buckets, 12);
	});

	it('prefetches FSDP gathers one unit ahead when on', () => {
		const on = simulateTimeline(costly({ p: 1, m: 1, d: 8, units: 4, sharding: 'fsdp', overlap: 1 }));
		const off = simulateTimeline(costly({ p: 1, m: 1, d: 8, units: 4, sharding: 'fsdp', overlap: 0 }));
		expect(on.stepTime).toBeLessThan(off.stepTime);
	});

	it('never hides TP all-reduces: the next layer waits for them', () => {
		const r = simulateTimeline(costly({ p: 1, m: 1, t: 8, units: 4 }));
		const tp = r.blocks.filter((b) => b.kind === 'tp').reduce((x, b) => x + b.end - b.start, 0);
		expect(r.exposedCommTime).toBeCloseTo(tp, 12);
	});
});

describe('bad input', () => {
	it('says why instead of drawing a wrong timeline', () => {
		expect(timelineProblem(free({ schedule: 'interleaved', p: 4, m: 6, v: 2 }))).toMatch(/multiple of p/);
		expect(timelineProblem(free({ m: 0 }))).toMatch(/m must be/);
		expect(timelineProblem(free({ overlap: 2 }))).toMatch(/overlap/);
		expect(timelineProblem(free({}))).toBeNull();
		expect(() => simulateTimeline(free({ p: 2.5 }))).toThrow(/p must be/);
	});
	it('the stream scheduler refuses a cycle', () => {
		expect(() =>
			placeTasks([
				{ gpu: 0, lane: 'compute', duration: 1, deps: [1] },
				{ gpu: 0, lane: 'comm', duration: 1, deps: [0] }
			])
		).toThrow(/deadlocks/);
	});
});
