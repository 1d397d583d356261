/**
 * Every attention-heatmaps checkpoint. The attention questions: `solve` (the page's compute path
 * on the shipped model, ORT WASM in Node) against softmax(q kᵀ/√dₖ + causal mask) recomputed here
 * from the model's own q and k outputs, with the answer's sources written from the task's
 * definition. The √dₖ question: against a Monte-Carlo spread. And `isRight` on right and wrong.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { isRight } from '$lib/practice/types';
import { createRng } from '$lib/random';
import { attentionHeatmaps, schema } from './lab';
import checkpoints, { queryReads, scoreSpread, sourceHeads } from './checkpoints';
import { createSession, runSession, type Results } from '../../tests/support/ort';
import { maskValues } from './model';
import type { Task } from './tasks';

type State = ReturnType<typeof defaults<typeof schema>>;
const asked = (patch: Partial<State>): State => ({ ...defaults(schema), ...patch });
const stream = (...values: number[]) => {
	let i = 0;
	return () => values[i++ % values.length];
};

/** The task's sequence, written from its definition: x, separator 10, the answer. */
function sequence(task: Task, x: number[]): number[] {
	const y = task === 'copy' ? [...x] : task === 'reverse' ? [...x].reverse() : [...x].sort((a, b) => a - b);
	return [...x, 10, ...y];
}

/** Attention [layer][head][query][key] recomputed from the model's q and k with a causal mask. */
async function attention(task: Task, x: number[]): Promise<number[][][][]> {
	const seq = sequence(task, x);
	const n = seq.length;
	const session = await createSession(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url))));
	const out: Results = await runSession(session, {
		tokens: { data: Float32Array.from(seq), dims: [1, n] },
		positions: { data: Float32Array.from({ length: n }, (_, i) => i), dims: [n] },
		mask: { data: maskValues(n, true), dims: [n, n] },
		pos_scale: { data: Float32Array.of(1), dims: [1] }
	});
	return [0, 1].map((l) => {
		const [, heads, , d] = out[`q${l}`].dims as number[];
		const vec = (name: string, h: number, i: number) => out[`${name}${l}`].data.subarray((h * n + i) * d, (h * n + i + 1) * d);
		return Array.from({ length: heads }, (_, h) =>
			Array.from({ length: n }, (_, i) => {
				const scores = Array.from({ length: n }, (_, j) => (j > i ? -Infinity : vec('q', h, i).reduce((s, v, e) => s + v * vec('k', h, j)[e], 0) / Math.sqrt(d)));
				const m = Math.max(...scores);
				const e = scores.map((v) => Math.exp(v - m));
				const z = e.reduce((a, b) => a + b, 0);
				return e.map((v) => v / z);
			})
		);
	});
}

describe('attention-heatmaps checkpoints', () => {
	it('one checkpoint per card, same ids', () => {
		expect(checkpoints.map((c) => c.id)).toEqual(attentionHeatmaps.checkpoints.map((c) => c.id));
	});

	it('which key a query reads: solve’s key is the argmax of the recomputed softmax row', async () => {
		for (const r of [0.1, 0.45, 0.8]) {
			const state = asked(queryReads.settings(stream(r, 0.3, 0.6, 0.9)));
			const x = state.tokens.split('').map(Number);
			const row = (await attention(state.task, x))[state.layer][state.head][state.query];
			const best = row.indexOf(Math.max(...row));
			const s = await queryReads.solve(state, 'wasm');
			expect(s.expected).toEqual({ kind: 'cells', cells: [`0,${best}`] });
			const kind = queryReads.answer(state);
			expect(isRight(kind, { kind: 'cells', cells: [`0,${best}`] }, s.expected)).toBe(true);
			expect(isRight(kind, { kind: 'cells', cells: [`0,${best === 0 ? 1 : 0}`] }, s.expected)).toBe(false);
		}
	});

	it('which heads read the token to write: solve’s heads are those whose recomputed mean weight on the source is over ½', async () => {
		for (const r of [0.2, 0.5, 0.9]) {
			const state = asked(sourceHeads.settings(stream(r, 0.7)));
			const x = state.tokens.split('').map(Number);
			const k = x.length;
			// Answer position k + i writes y_i; its source is where y_i sits in x.
			const order = x.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
			const source = (i: number) => (state.task === 'copy' ? i : state.task === 'reverse' ? k - 1 - i : order[i].i);
			const attn = await attention(state.task, x);
			const want: string[] = [];
			attn.forEach((heads, l) =>
				heads.forEach((m, h) => {
					let s = 0;
					for (let i = 0; i < k; i++) s += m[k + i][source(i)];
					if (s / k > 0.5) want.push(`${l},${h}`);
				})
			);
			// A trained model of this kind has at least one such head.
			expect(want.length).toBeGreaterThan(0);
			const s = await sourceHeads.solve(state, 'wasm');
			if (s.expected.kind !== 'cells') throw new Error('cells');
			expect([...s.expected.cells].sort()).toEqual(want.sort());
			const kind = sourceHeads.answer(state);
			expect(isRight(kind, { kind: 'cells', cells: want }, s.expected)).toBe(true);
			expect(isRight(kind, { kind: 'cells', cells: [...want, ...['0,0', '0,1', '1,0'].filter((c) => !want.includes(c)).slice(0, 1)] }, s.expected)).toBe(false);
		}
	});

	it('the spread of q·k: solve’s √dₖ matches a Monte-Carlo spread', async () => {
		const rng = createRng(11);
		for (const r of [0.1, 0.5, 0.9]) {
			const state = asked(scoreSpread.settings(stream(r)));
			const d = Number(state.dk);
			let sq = 0;
			const draws = 4000;
			for (let t = 0; t < draws; t++) {
				let dot = 0;
				for (let e = 0; e < d; e++) dot += rng.normal() * rng.normal();
				sq += dot * dot;
			}
			const measured = Math.sqrt(sq / draws);
			const s = await scoreSpread.solve(state, 'wasm');
			if (s.expected.kind !== 'number') throw new Error('a number');
			expect(Math.abs(s.expected.value - measured) / measured).toBeLessThan(0.05);
			const kind = scoreSpread.answer(state);
			expect(isRight(kind, { kind: 'number', value: measured }, s.expected)).toBe(true);
			expect(isRight(kind, { kind: 'number', value: 1 }, s.expected)).toBe(false);
		}
	});
});
