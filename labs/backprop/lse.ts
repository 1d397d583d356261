/**
 * Figure 4's graphs: the cross-entropy of fixed logits z scaled by s, computed two ways in float32.
 * Naive: Exp → ReduceSum → Div → Log, as the textbook writes softmax then log; stable: the max
 * subtracted first (log Σe^{sz} = m + log Σe^{sz − m}). Both read one column of scales S [N, 1], so
 * one run gives the whole curve over s (and the reader's s in the last row). The loss picks the
 * true class by summing y ⊙ e, never y ⊙ log p: 0 · log 0 would be NaN long before any overflow.
 */
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { crossEntropy64, isBroken } from './lseReference';
import { LSE_LABEL, LSE_LOGITS, LSE_ROWS, LSE_SWEEP } from './lseSetup';

export { LSE_LABEL, LSE_LOGITS, LSE_ROWS, LSE_SWEEP };

export type LseKind = 'naive' | 'stable';

export interface ChainNode {
	/** The graph output carrying the tensor. */
	output: string;
	op: string;
	label: string;
}

export interface LseGraph {
	bytes: Uint8Array;
	/** The loss per row of S, for each way of computing it. */
	loss: Record<LseKind, string>;
	/** Each way's nodes in order, for figure 4's strip (all outputs). */
	chains: Record<LseKind, ChainNode[]>;
}

export function buildLseGraph(rows = LSE_ROWS): LseGraph {
	const g = new GraphBuilder('backprop-lse');
	const Z = g.input('Z', [1, 3]);
	const Y = g.input('Y', [1, 3]);
	const S = g.input('S', [rows, 1]);
	const chains: Record<LseKind, ChainNode[]> = { naive: [], stable: [] };
	const keep = (kind: LseKind, t: Tensor, op: string, label: string) => {
		chains[kind].push({ output: g.output(t, `${kind}_${chains[kind].length}`).name, op, label });
		return t;
	};
	const sz = g.mul(S, Z);

	// Naive: e = exp(sz) overflows float32 once sz passes ln(FLT_MAX) ≈ 88.72.
	keep('naive', sz, 'Mul', 's·z');
	const e = keep('naive', g.exp(sz), 'Exp', 'e = exp(s·z)');
	const sum = keep('naive', g.reduceSum(e, [-1], true), 'ReduceSum', 'Σe');
	const ey = keep('naive', g.reduceSum(g.mul(Y, e), [-1], true), 'ReduceSum', 'e_y');
	const py = keep('naive', g.div(ey, sum), 'Div', 'p_y = e_y / Σe');
	const logp = keep('naive', g.log(py), 'Log', 'log p_y');
	keep('naive', g.neg(logp), 'Neg', 'L');

	// Stable: every exponent ≤ 0, so Σ lies in [1, 3].
	keep('stable', sz, 'Mul', 's·z');
	const m = keep('stable', g.reduceMax(sz, [-1], true), 'ReduceMax', 'm = max s·z');
	const sh = keep('stable', g.sub(sz, m), 'Sub', 's·z − m');
	const es = keep('stable', g.exp(sh), 'Exp', 'exp(s·z − m)');
	const lse = keep('stable', g.log(g.reduceSum(es, [-1], true)), 'Log', 'log Σ');
	const shy = keep('stable', g.reduceSum(g.mul(Y, sh), [-1], true), 'ReduceSum', '(s·z − m)_y');
	keep('stable', g.sub(lse, shy), 'Sub', 'L');

	return {
		bytes: g.toBytes(),
		loss: { naive: chains.naive.at(-1)!.output, stable: chains.stable.at(-1)!.output },
		chains
	};
}

/** The graph's feeds: logits z (the figure's fixed ones unless given), the one-hot label and S = `scales`. */
export function lseFeeds(
	scales: readonly number[],
	z: readonly number[] = LSE_LOGITS,
	label: number = LSE_LABEL
): Record<string, { data: Float32Array; dims: number[] }> {
	const y = new Float32Array(3);
	y[label] = 1;
	return {
		Z: { data: Float32Array.from(z), dims: [1, 3] },
		Y: { data: y, dims: [1, 3] },
		S: { data: Float32Array.from(scales), dims: [scales.length, 1] }
	};
}

/**
 * The smallest s in [lo, hi] at which the naive graph's loss is broken (`broken(s)` runs it), by
 * bisection on a log scale: 40 halvings leave a bracket narrower than float32 can tell apart.
 * Null when it is fine at `hi`.
 */
export async function bisectBreak(broken: (s: number) => Promise<boolean>, lo = 1, hi = 1e4): Promise<number | null> {
	if (!(await broken(hi))) return null;
	if (await broken(lo)) return lo;
	for (let i = 0; i < 40; i++) {
		const mid = Math.sqrt(lo * hi);
		if (await broken(mid)) hi = mid;
		else lo = mid;
	}
	return hi;
}

/** A float32 value as the figures get it: non-finite becomes null (as JSON would make it, so live and prerendered agree). */
const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export interface LseChainValue {
	op: string;
	label: string;
	/** The tensor's row for the reader's s (null where NaN or ±∞). */
	values: (number | null)[];
}

export interface LseResults {
	/** The reader's s. */
	s: number;
	/**
	 * The naive float32 loss over LSE_SWEEP, null where it is broken (non-finite, or 1e-3 off
	 * float64): past the overflow WASM gives NaN or ∞ but a GPU's exp may clamp to a finite number,
	 * so a broken value is garbage that differs by backend; which points broke is what counts.
	 */
	naive: (number | null)[];
	stable: (number | null)[];
	/** Each way's nodes at the reader's s. */
	chains: Record<LseKind, LseChainValue[]>;
}

export function summarizeLse(graph: LseGraph, s: number, outputs: Record<string, { data: ArrayLike<number> }>): LseResults {
	const rowsOf = (name: string) => Array.from(outputs[name].data, finiteOrNull);
	const last = (name: string) => {
		const all = rowsOf(name);
		const width = all.length / LSE_ROWS;
		return all.slice(all.length - width);
	};
	const chain = (kind: LseKind) => graph.chains[kind].map((c) => ({ op: c.op, label: c.label, values: last(c.output) }));
	return {
		s,
		naive: rowsOf(graph.loss.naive)
			.slice(0, LSE_SWEEP.length)
			.map((v, i) => (isBroken(v, crossEntropy64(LSE_LOGITS, LSE_LABEL, LSE_SWEEP[i])) ? null : v)),
		stable: rowsOf(graph.loss.stable).slice(0, LSE_SWEEP.length),
		chains: { naive: chain('naive'), stable: chain('stable') }
	};
}
