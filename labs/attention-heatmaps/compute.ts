/**
 * Runs the shipped transformer for one state: fetches static/models/attention-<task>.onnx
 * (once per backend, the session is cached), feeds the reader's sequence (and, with `shuffle`,
 * a shuffled copy as a second batch row) with the chosen mask and positional switch, and
 * returns plain numbers (summary.ts).
 */
import { base } from '$app/paths';
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/runtime';
import type { StateOf } from '$lib/state/schema';
import type { AttnSchema } from './lab';
import { maskValues, SHAPE, headDim } from './model';
import { permutationGap, scoreRun, sourceScores, summarizeRun, type AttnResults } from './summary';
import { shufflePermutation } from './shuffle';
import { parseTokens, sequenceOf, type Task } from './tasks';

export type AttnState = StateOf<AttnSchema>;

export const modelUrl = (task: Task) => `${base}/models/attention-${task}.onnx`;

async function fetchModel(task: Task): Promise<Uint8Array> {
	const url = modelUrl(task);
	const response = await fetch(url);
	if (!response.ok) throw new Error(`Failed to fetch ${url}: HTTP ${response.status}`);
	return new Uint8Array(await response.arrayBuffer());
}

export async function computeAttention(state: AttnState, backend: Backend): Promise<AttnResults> {
	const task = state.task;
	const parsed = parseTokens(state.tokens);
	// The URL parser already replaced an unusable value; this guards a direct setState.
	if (!parsed.ok) throw new Error(parsed.message);
	const x = parsed.x;
	const sequence = sequenceOf(task, x);
	const n = sequence.length;
	const perm = state.shuffle ? shufflePermutation(n) : null;
	const rows = perm ? [sequence, perm.map((p) => sequence[p])] : [sequence];
	const session = await getSession(backend, `attention-${task}`, () => fetchModel(task));
	const out = await runSession(session, {
		tokens: { data: Float32Array.from(rows.flat()), dims: [rows.length, n] },
		positions: { data: Float32Array.from({ length: n }, (_, i) => i), dims: [n] },
		mask: { data: maskValues(n, state.causal), dims: [n, n] },
		pos_scale: { data: Float32Array.of(state.pos ? 1 : 0), dims: [1] }
	});
	const main = summarizeRun(out, 0, sequence, SHAPE.layers);
	let shuffled: AttnResults['shuffled'] = null;
	if (perm) {
		const run = summarizeRun(out, 1, rows[1], SHAPE.layers);
		shuffled = { perm, run, maxDiff: permutationGap(main, run, perm) };
	}
	return { task, x, n, layers: SHAPE.layers, heads: SHAPE.heads, dk: headDim(SHAPE), main, ...scoreRun(task, x, main), sourceScore: sourceScores(task, x, main), shuffled };
}
