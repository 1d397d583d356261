/**
 * The numbers the attention article states (issue 13, item 6), computed from the shipped models
 * and the lab's own definitions, and compared with the text of index.svx:
 * - how many held-out inputs are evaluated per task (2000 drawn, minus any seen in training) and
 *   that every answer token of them is predicted right;
 * - each quoted head's mean weight on the answer's source token (the number under each head in
 *   the figure, `sourceScores`), averaged over those held-out inputs;
 * - where the copy task's induction stripe sits: k columns left of the diagonal, k = 3…7.
 * - the training recipe and shape the article quotes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { maskValues, SHAPE, headDim } from './model';
import { answerSources, MAX_K, MAX_LEN, MIN_K, PAD, sequenceOf, TASKS, VOCAB, type Task } from './tasks';
import { heldOutInputs, tokenAccuracy, TRAINING } from './training';
import { sourceScores, summarizeRun } from './summary';
import { createSession, runSession } from '../../tests/support/ort';

const article = readFileSync(new URL('./index.svx', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const shipped = (task: Task) => new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url)));
const heldOut = (task: Task) => heldOutInputs(task, TRAINING.heldOutCount, TRAINING.heldOutSeed, TRAINING.examples, TRAINING.seed);

/** Every held-out input through the shipped model at once: accuracy and per-head mean source weight. */
async function evaluate(task: Task): Promise<{ count: number; accuracy: number; headMeans: number[][] }> {
	const inputs = heldOut(task);
	const padded = inputs.map((x) => [...sequenceOf(task, x), ...Array(MAX_LEN - (2 * x.length + 1)).fill(PAD)]);
	const session = await createSession(shipped(task));
	const out = await runSession(session, {
		tokens: { data: Float32Array.from(padded.flat()), dims: [inputs.length, MAX_LEN] },
		positions: { data: Float32Array.from({ length: MAX_LEN }, (_, i) => i), dims: [MAX_LEN] },
		// Causal: a real token never sees the padding after it.
		mask: { data: maskValues(MAX_LEN, true, MAX_LEN), dims: [MAX_LEN, MAX_LEN] },
		pos_scale: { data: Float32Array.of(1), dims: [1] }
	});
	const sums = Array.from({ length: SHAPE.layers }, () => Array(SHAPE.heads).fill(0));
	inputs.forEach((x, b) => {
		const scores = sourceScores(task, x, summarizeRun(out, b, padded[b], SHAPE.layers));
		scores.forEach((heads, l) => heads.forEach((s, h) => (sums[l][h] += s)));
	});
	return {
		count: inputs.length,
		accuracy: tokenAccuracy(task, inputs, out.logits.data, VOCAB),
		headMeans: sums.map((heads) => heads.map((s) => s / inputs.length))
	};
}

type Evaluation = Awaited<ReturnType<typeof evaluate>>;
// One task at a time (a chain, started on first use): the runtime runs one session at a time.
const evaluations = new Map<Task, Promise<Evaluation>>();
let chain: Promise<unknown> = Promise.resolve();
function evaluated(task: Task): Promise<Evaluation> {
	if (!evaluations.has(task)) {
		const next = chain.then(() => evaluate(task));
		chain = next.catch(() => undefined);
		evaluations.set(task, next);
	}
	return evaluations.get(task)!;
}
/** Layer and head as the article writes them (1-based) → the computed mean, to two decimals. */
const headMean = async (task: Task, layer: number, head: number) => (await evaluated(task)).headMeans[layer - 1][head - 1].toFixed(2);

describe('the attention article’s numbers', () => {
	test('held-out inputs per task (2000 drawn, minus those seen in training), 100% of their answer tokens right', async () => {
		const counts = [];
		for (const task of TASKS) {
			const r = await evaluated(task);
			expect(r.accuracy, task).toBe(1);
			counts.push(r.count);
		}
		expect(TASKS).toEqual(['copy', 'reverse', 'sort']);
		expect(article).toContain(`predicts **100% of the answer tokens** right on ${counts[0]}, ${counts[1]} and ${counts[2]} held-out inputs`);
		expect(article).toContain(`(copy, reverse, sort: ${TRAINING.heldOutCount} drawn from another seed`);
	}, 300_000);

	test('copy: the induction heads’ mean weight on the source token, layer 2 head 4 the highest', async () => {
		const r = await evaluated('copy');
		const all = r.headMeans.flat();
		expect(Math.max(...all)).toBe(r.headMeans[1][3]);
		expect(article).toContain(
			`layer 2, head 4 does it most (${await headMean('copy', 2, 4)}), with layer 1, head 1 (${await headMean('copy', 1, 1)}), layer 2, head 2 (${await headMean('copy', 2, 2)}) and layer 1, head 2 (${await headMean('copy', 1, 2)}) close behind`
		);
		// "close behind": the next three are the next three largest.
		const ranked = [...all].sort((a, b) => b - a);
		expect(ranked.slice(1, 4)).toEqual([r.headMeans[0][0], r.headMeans[1][1], r.headMeans[0][1]]);
	}, 300_000);

	test('reverse: layer 2, heads 2–4 on the mirrored token; sort: layer 2, head 2', async () => {
		const reverse = (await evaluated('reverse')).headMeans[1].slice(1);
		const low = Math.min(...reverse).toFixed(2);
		const high = Math.max(...reverse).toFixed(2);
		expect(article).toContain(`layer 2 (heads 2–4 put ${low}–${high} on the mirrored token)`);
		expect(article).toContain(`(layer 2, head 2: ${await headMean('sort', 2, 2)})`);
	}, 300_000);

	test('copy’s stripe sits k columns left of the diagonal, k = 3 to 7', () => {
		for (let k = MIN_K; k <= MAX_K; k++) {
			const x = Array.from({ length: k }, (_, i) => i);
			answerSources('copy', x).forEach((source, i) => expect(k + i - source).toBe(k));
		}
		expect(article).toContain(`as many columns left of the diagonal as the input has digits (${MIN_K} to ${MAX_K})`);
	});

	test('the model and its training recipe as the article gives them', () => {
		const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
		expect(article).toContain(`Each model has ${words[SHAPE.layers - 1]} layers of ${words[SHAPE.heads - 1]} heads (model width ${SHAPE.dModel}, so each head works in $d_k = ${headDim(SHAPE)}$`);
		expect(article).toContain(`It reads ${words[MIN_K - 1]} to ${words[MAX_K - 1]} digits`);
		const examples = TRAINING.examples.toLocaleString('en-US').replace(',', ' ');
		expect(article).toContain(`seed ${TRAINING.seed}, ${TRAINING.steps} steps of AdamW on ${examples} random inputs`);
		expect(TRAINING.optimizer.kind).toBe('adamw');
	});

	test('the n² wall: a 32k × 32k score matrix, 32 heads, fp16, is 64 GiB per layer', () => {
		const bytes = (32 * 1024) ** 2 * 32 * 2;
		expect(bytes / 2 ** 30).toBe(64);
		expect(article).toContain('At 32k tokens with 32 heads in fp16 it is 64 GiB per layer');
	});
});
