/**
 * One head's computation for one query, from the model's own q, k, v (figure 2): raw scores,
 * scaled and masked scores, the softmax recomputed here (checked against the model's row), the
 * output Σ a_j v_j. Plain numbers, no ONNX.
 */
import type { RunSummary } from './summary';

export interface HeadRow {
	raw: number[];
	scaled: number[];
	maskedAt: boolean[];
	/** The model's softmax row. */
	weights: number[];
	recomputed: number[];
	/** max |recomputed − weights|. */
	check: number;
	/** Max over unmasked scaled scores, and Σ_j exp(scaled_j − max). */
	max: number;
	partition: number;
	top: number;
	output: number[];
	topValue: number[];
	absMax: number;
	outMax: number;
}

export function headRow(run: RunSummary, layer: number, head: number, i: number, causal: boolean): HeadRow {
	const q = run.q[layer][head][i];
	const keys = run.k[layer][head];
	const values = run.v[layer][head];
	const dk = q.length;
	const raw = keys.map((k) => k.reduce((s, x, c) => s + x * q[c], 0));
	const maskedAt = raw.map((_, j) => causal && j > i);
	const scaled = raw.map((r, j) => (maskedAt[j] ? -Infinity : r / Math.sqrt(dk)));
	const max = Math.max(...scaled);
	const exps = scaled.map((s) => (s === -Infinity ? 0 : Math.exp(s - max)));
	const partition = exps.reduce((a, b) => a + b, 0);
	const recomputed = exps.map((e) => e / partition);
	const weights = run.attn[layer][head][i];
	let top = 0;
	weights.forEach((w, j) => (w > weights[top] ? (top = j) : 0));
	const output = values[0].map((_, c) => weights.reduce((s, w, j) => s + w * values[j][c], 0));
	return {
		raw,
		scaled,
		maskedAt,
		weights,
		recomputed,
		check: Math.max(...recomputed.map((r, j) => Math.abs(r - weights[j]))),
		max,
		partition,
		top,
		output,
		topValue: values[top],
		absMax: Math.max(1e-9, ...raw.filter((_, j) => !maskedAt[j]).map(Math.abs)),
		outMax: Math.max(1e-9, ...output.map(Math.abs), ...values[top].map(Math.abs))
	};
}
