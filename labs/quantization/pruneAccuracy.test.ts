/**
 * Figure 4's facts, measured: the shipped transformers pruned and run through the quantized graph
 * on onnxruntime-web (WASM, in Node), and one point checked against the float64 TypeScript
 * transformer (reference64.ts), which shares none of the graph code. The spec's claims are the
 * expectations; every number is computed here.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '$labs/attention-heatmaps/tasks';
import { heldOut, scorer } from './accuracy';
import { SHAPE } from '$labs/attention-heatmaps/model';
import { forgetSweeps, FRACTIONS, headOrder, measurePruning, pruneReports, sweepPlan, type PruneResult } from './pruneAccuracy';
import { ALL_HEADS, headName } from './heads';
import { headsFor, prune, removedFraction, withoutHeads } from './pruning';
import { rightTokens64, type Params64 } from './reference64';
import { readWeights } from './weights';

const TASKS: Task[] = ['copy', 'reverse', 'sort'];
const weightsOf = (task: Task) => readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url))));
const results = new Map<Task, PruneResult>();
const reports: PruneResult[] = [];
const share = (r: PruneResult, right: number) => right / r.tokens;

beforeAll(async () => {
	// Test files share a module graph per worker: another may have finished a sweep already (the
	// prerender test computes the lab's default), and a cached sweep reports only its chosen point.
	forgetSweeps();
	for (const task of TASKS) {
		const report = (partial: PruneResult) => (task === 'copy' && reports.push(partial), true);
		results.set(task, await measurePruning(weightsOf(task), { task, method: 'layer', sparsity: 0.5 }, 'wasm', report));
	}
	const shares = Object.fromEntries([...results].map(([t, r]) => [t, r.points.map((p) => `${p.method} ${p.sparsity}: ${(100 * p.removed).toFixed(1)}% → ${(100 * share(r, p.right)).toFixed(1)}%`)]));
	console.log(JSON.stringify(shares));
}, 120_000);

describe('pruning facts', () => {
	it('unstructured 50% (magnitude per layer, untuned) on copy ≈ 87%: within 3 points', () => {
		const r = results.get('copy')!;
		expect(r.chosen!.removed).toBe(0.5);
		console.log(JSON.stringify({ copyLayer50: share(r, r.chosen!.right) }));
		expect(Math.abs(share(r, r.chosen!.right) - 0.87)).toBeLessThanOrEqual(0.03);
	});
	it('the graph agrees with the float64 reference on copy at 50% per layer, within a point', () => {
		const w = prune(weightsOf('copy'), 'layer', 0.5);
		const p64: Params64 = new Map([...w].map(([k, v]) => [k, { shape: v.shape, data: Float64Array.from(v.data) }]));
		const inputs = heldOut('copy');
		const r = results.get('copy')!;
		const reference = rightTokens64('copy', p64, inputs);
		console.log(JSON.stringify({ graph: r.chosen!.right, reference, tokens: r.tokens }));
		expect(Math.abs(r.chosen!.right - reference)).toBeLessThanOrEqual(0.01 * r.tokens);
		expect(Math.abs(reference / r.tokens - 0.87)).toBeLessThanOrEqual(0.03);
	}, 60_000);
	it('at equal fraction, magnitude pruning (per layer and global) keeps at least as many tokens as MLP neurons or heads, every task', async () => {
		for (const task of TASKS) {
			const w = weightsOf(task);
			const { score } = await scorer(task, w, 'wasm');
			const structured = results.get(task)!.points.filter((p) => p.method === 'neurons' || p.method === 'heads');
			expect(structured.length).toBeGreaterThan(2);
			for (const p of structured) {
				for (const method of ['layer', 'global'] as const) {
					// The same fraction of linear weights removed, within a weight per matrix of rounding.
					expect(Math.abs(removedFraction(w, method, p.removed) - p.removed)).toBeLessThan(0.001);
					const right = await (await scorer(task, prune(w, method, p.removed), 'wasm')).score(null, null);
					expect(right, `${task}: ${method} vs ${p.method} at ${p.removed}`).toBeGreaterThanOrEqual(p.right);
				}
			}
			expect(results.get(task)!.points[0].right).toBe(await score(null, null));
		}
	}, 120_000);
	it('only structured pruning cuts the FLOPs a dense kernel runs', () => {
		for (const p of results.get('copy')!.points) {
			if ((p.method === 'neurons' || p.method === 'heads') && p.removed > 0) expect(p.flops).toBeLessThan(results.get('copy')!.denseFlops);
			else expect(p.flops).toBe(results.get('copy')!.denseFlops);
		}
	});
});

describe('heads, in the order their ablation gives', () => {
	it('each head removed alone is one run of the graph; the order puts the most tokens kept first', async () => {
		const w = weightsOf('copy');
		const r = results.get('copy')!;
		expect(r.ablation.map(headName)).toEqual(ALL_HEADS.map(headName));
		for (const a of r.ablation.slice(0, 3)) expect(a.right).toBe(await (await scorer('copy', withoutHeads(w, [a]), 'wasm')).score(null, null));
		const order = headOrder(r.ablation);
		const rightOf = (h: (typeof order)[number]) => r.ablation.find((a) => a.layer === h.layer && a.head === h.head)!.right;
		for (let i = 1; i < order.length; i++) expect(rightOf(order[i - 1])).toBeGreaterThanOrEqual(rightOf(order[i]));
		console.log(JSON.stringify({ ablation: r.ablation.map((a) => `${headName(a)}: ${(100 * share(r, a.right)).toFixed(1)}%`) }));
	});
	it('a heads point is the graph run with those heads removed, and all eight removed is the last point', async () => {
		const w = weightsOf('copy');
		const r = results.get('copy')!;
		const heads = r.points.filter((p) => p.method === 'heads');
		expect(heads.at(-1)!.removed).toBeCloseTo((ALL_HEADS.length * 4 * SHAPE.dModel * (SHAPE.dModel / SHAPE.heads)) / r.linearWeights, 12);
		const p = heads[1];
		const removed = headOrder(r.ablation).slice(0, headsFor(w, p.sparsity));
		expect(p.right).toBe(await (await scorer('copy', withoutHeads(w, removed), 'wasm')).score(null, null));
	});
});

describe('the live measurement', () => {
	it('reports once per sweep point, head ablated and the chosen point; the sweep covers every fraction for magnitude', () => {
		const plan = sweepPlan(weightsOf('copy'));
		expect(reports).toHaveLength(plan.length + ALL_HEADS.length + 1);
		expect(reports.at(-1)).toEqual(results.get('copy'));
		reports.slice(0, -1).forEach((r, i) => expect(r.points.length + r.ablation.length).toBe(i + 1));
		for (const m of ['layer', 'global'] as const) expect(plan.filter((p) => p.method === m || p.sparsity === 0).map((p) => p.sparsity)).toEqual([...FRACTIONS]);
	});
	it('a second measurement of the same task reuses the sweep and runs only the chosen point', async () => {
		const w = weightsOf('copy');
		expect(pruneReports(w, 'copy', 'wasm')).toBe(1);
		let n = 0;
		const r = await measurePruning(w, { task: 'copy', method: 'global', sparsity: 0.55 }, 'wasm', () => (n++, true));
		expect(n).toBe(1);
		expect(r.points).toEqual(results.get('copy')!.points);
		expect(r.chosen!.right).toBe(await (await scorer('copy', prune(w, 'global', 0.55), 'wasm')).score(null, null));
	});
});
