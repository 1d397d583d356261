/**
 * Runs the shipped transformer for one state: static/models/attention-<task>.onnx (downloaded
 * once per page by the runtime's model loader, its session cached per backend), feeds the
 * reader's sequence (and, with `shuffle`, a shuffled copy as a second batch row) with the chosen
 * mask and positional switch, and returns plain numbers (summary.ts).
 */
import { estimateBytes } from '$lib/cache/bytes';
import { Lru } from '$lib/cache/lru';
import type { Backend } from '$lib/onnx/backend';
import { runSession } from '$lib/onnx/session';
import { shippedSession } from '$lib/onnx/shipped';
import type { StateOf } from '$lib/state/schema';
import type { AttnSchema } from './lab';
import { maskValues, SHAPE, headDim } from './model';
import { permutationGap, scoreRun, sourceScores, summarizeRun, type AttnResults } from './summary';
import { shufflePermutation } from './shuffle';
import { answer, parseTokens, sequenceOf, SEP, type Task } from './tasks';
import type { Session } from '$lib/onnx/runtime';

export type AttnState = StateOf<AttnSchema>;

// Greedy answers are a few tokens each: the count cap is what bounds this cache.
const generations = new Lru<number[]>({ maxEntries: 64, sizeOf: estimateBytes });

/**
 * The model writing the answer itself: x and the separator in, then greedy decoding, one run
 * per answer token (each sees only its own earlier outputs). Trained settings (causal mask,
 * positions on), cached per backend, task and input.
 */
async function generate(session: Session, key: string, x: number[]): Promise<number[]> {
	const hit = generations.get(key);
	if (hit) return hit;
	const seq = [...x, SEP];
	for (let i = 0; i < x.length; i++) {
		const n = seq.length;
		const out = await runSession(session, {
			tokens: { data: Float32Array.from(seq), dims: [1, n] },
			positions: { data: Float32Array.from({ length: n }, (_, j) => j), dims: [n] },
			mask: { data: maskValues(n, true), dims: [n, n] },
			pos_scale: { data: Float32Array.of(1), dims: [1] }
		});
		const vocab = out.logits.dims[2] as number;
		const row = out.logits.data.subarray((n - 1) * vocab, n * vocab);
		let best = 0;
		for (let c = 1; c < vocab; c++) if (row[c] > row[best]) best = c;
		seq.push(best);
	}
	const written = seq.slice(x.length + 1);
	generations.set(key, written);
	return written;
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
	const session = await shippedSession(backend, `attention-${task}`);
	const out = await runSession(session, {
		tokens: { data: Float32Array.from(rows.flat()), dims: [rows.length, n] },
		positions: { data: Float32Array.from({ length: n }, (_, i) => i), dims: [n] },
		mask: { data: maskValues(n, state.causal), dims: [n, n] },
		pos_scale: { data: Float32Array.of(state.pos ? 1 : 0), dims: [1] }
	});
	const main = summarizeRun(out, 0, sequence, SHAPE.layers);
	const generated = await generate(session, `${backend}:${task}:${x.join('')}`, x);
	const truth = answer(task, x);
	let shuffled: AttnResults['shuffled'] = null;
	if (perm) {
		const run = summarizeRun(out, 1, rows[1], SHAPE.layers);
		shuffled = { perm, run, maxDiff: permutationGap(main, run, perm) };
	}
	return { task, x, n, layers: SHAPE.layers, heads: SHAPE.heads, dk: headDim(SHAPE), main, generated, generatedRight: generated.filter((t, i) => t === truth[i]).length, ...scoreRun(task, x, main), sourceScore: sourceScores(task, x, main), shuffled };
}
