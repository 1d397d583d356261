/**
 * The three synthetic tasks the lab's transformers are trained on, as plain data: the
 * vocabulary, how an input x becomes the model's sequence, the answer, and the reader's typed
 * tokens parsed and checked. No ONNX, no DOM.
 *
 * Every task has one format, so one architecture serves all three:
 *
 *   x₁ … x_k  |  y₁ … y_k          (| is the separator token, k = 3…7, length 2k + 1 ≤ 15)
 *
 * with y = x (copy), y = x reversed (reverse) or y = x sorted ascending (sort). The model is a
 * causal decoder trained to predict the next token at positions k … 2k−1 (the separator and
 * y₁ … y_{k−1}), i.e. to write y one token at a time. In the copy task the tokens of x are
 * distinct, so "find where this token occurred before and read the token after it" (an
 * induction head) is a complete solution; sort uses distinct tokens too (a sorted list of
 * distinct digits); reverse allows repeats.
 */
import { createRng, type Rng } from '$lib/random';
import { DIGITS, MAX_K, MIN_K, PAD, SEP } from './tokens';

export { DIGITS, MAX_K, MAX_LEN, MIN_K, PAD, SEP, VOCAB } from './tokens';

export const TASKS = ['copy', 'reverse', 'sort'] as const;
export type Task = (typeof TASKS)[number];

/** Whether a task's training inputs had distinct tokens. */
export const DISTINCT: Record<Task, boolean> = { copy: true, reverse: false, sort: true };

export function answer(task: Task, x: readonly number[]): number[] {
	if (task === 'copy') return [...x];
	if (task === 'reverse') return [...x].reverse();
	return [...x].sort((a, b) => a - b);
}

/** The model's sequence for input x: x, the separator, the answer. */
export function sequenceOf(task: Task, x: readonly number[]): number[] {
	return [...x, SEP, ...answer(task, x)];
}

/** Positions whose next-token prediction is scored (k … 2k−1) and the token expected there. */
export function scoredPositions(task: Task, x: readonly number[]): { position: number; target: number }[] {
	const y = answer(task, x);
	return y.map((target, i) => ({ position: x.length + i, target }));
}

export function tokenLabel(id: number): string {
	if (id === SEP) return '|';
	if (id === PAD) return '·';
	return String(id);
}

/** Draws one input x of length k for a task. */
export function drawInput(task: Task, k: number, rng: Rng): number[] {
	if (!DISTINCT[task]) return Array.from({ length: k }, () => Math.floor(rng.uniform() * DIGITS));
	const pool = Array.from({ length: DIGITS }, (_, i) => i);
	for (let i = 0; i < k; i++) {
		const j = i + Math.floor(rng.uniform() * (DIGITS - i));
		[pool[i], pool[j]] = [pool[j], pool[i]];
	}
	return pool.slice(0, k);
}

/** `count` inputs with k uniform in MIN_K…MAX_K, from a seed. */
export function drawInputs(task: Task, count: number, seed: number): number[][] {
	const rng = createRng(seed);
	return Array.from({ length: count }, () => drawInput(task, MIN_K + Math.floor(rng.uniform() * (MAX_K - MIN_K + 1)), rng));
}

export const inputKey = (x: readonly number[]) => x.join('');

export type ParsedTokens = { ok: true; x: number[] } | { ok: false; message: string };

/**
 * The reader's tokens (digits, spaces and commas ignored): valid when they are MIN_K–MAX_K
 * digits. Repeats are allowed for every task; for copy and sort the page says the model was
 * trained on distinct digits.
 */
export function parseTokens(text: string): ParsedTokens {
	const compact = text.replace(/[\s,]+/g, '');
	// `u`: an emoji is one character, not two halves shown as "�".
	const bad = compact.match(/[^0-9]/u);
	if (bad) return { ok: false, message: `“${bad[0]}” is not in the vocabulary: use the digits 0–9 only.` };
	if (compact.length < MIN_K || compact.length > MAX_K)
		return { ok: false, message: `The models were trained on ${MIN_K} to ${MAX_K} digits; this has ${compact.length}.` };
	return { ok: true, x: Array.from(compact, Number) };
}

export const hasRepeats = (x: readonly number[]) => new Set(x).size !== x.length;

/**
 * Where each answer token's value sits in x: for the token predicted at answer position k + i,
 * the index of x it copies (copy: i; reverse: k−1−i; sort: where the i-th smallest digit is).
 * A head that attends there "reads the answer": an induction head in the copy task (the token
 * after the earlier occurrence of the current one), the anti-diagonal in reverse.
 */
export function answerSources(task: Task, x: readonly number[]): number[] {
	const k = x.length;
	if (task === 'copy') return x.map((_, i) => i);
	if (task === 'reverse') return x.map((_, i) => k - 1 - i);
	const order = x.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
	return order.map((o) => o.i);
}
