/**
 * The backprop checkpoints (cards in lab.ts). Each `solve` computes its answer: the graph's own
 * description (which tensors backward reads, how many products it runs) from the builder, or a
 * run of the lab's model (compute.ts) for the signs of ∂L/∂b₂.
 */
import type { Backend } from '$lib/onnx/backend';
import type { Checkpoint } from '$lib/practice/types';
import { formatNumber } from '$lib/format';
import type { BackpropState } from './compute';

type BackpropCheckpoint = Checkpoint<BackpropState>;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const seedFrom = (random: () => number) => 1 + Math.floor(random() * 999);
const actName = { tanh: 'tanh', relu: 'ReLU', sigmoid: 'sigmoid' } as const;
const lossName = { ce: 'cross-entropy', mse: 'squared error' } as const;

async function describe(state: BackpropState) {
	const [{ buildBackpropGraph }, { netShape }] = await Promise.all([import('./model'), import('./compute')]);
	return buildBackpropGraph(netShape(state)).spec;
}

/** The forward tensors a reader can pick from: inputs, then every forward node but the loss. */
export async function candidateTensors(state: BackpropState): Promise<{ id: string; label: string }[]> {
	const spec = await describe(state);
	const forward = spec.nodes.filter((n) => n.phase === 'forward' && n.id !== spec.named.loss);
	return [...spec.sources.map((s) => ({ id: s.id, label: s.label })), ...forward.map((n) => ({ id: n.id, label: n.label }))];
}

/** Row labels for the saved-tensor grid, known without building the graph (same order as candidateTensors). */
function candidateLabels(state: BackpropState): string[] {
	const head = ['X', 'Y', 'W₁', 'b₁', 'W₂', 'b₂', 'XW₁', 'z₁', 'h₁', 'h₁W₂', 'z'];
	return state.loss === 'ce' ? [...head, 'log p', 'y ⊙ log p', 'row sum', 'batch mean'] : [...head, 'p', 'p − y', '(p − y)²', 'row sum'];
}

export const savedTensors: BackpropCheckpoint = {
	id: 'saved-tensors',
	settings: (random) => ({ act: pick(['tanh', 'relu', 'sigmoid'] as const, random), loss: pick(['ce', 'mse'] as const, random), xgrad: random() < 0.5 }),
	prompt: (s) =>
		`${actName[s.act]} hidden layer, ${lossName[s.loss]} loss, ∂L/∂X ${s.xgrad ? 'also' : 'not'} computed: which forward tensors must backward keep (read) to compute the gradients?`,
	answer: (s) => ({ kind: 'cells', rows: candidateLabels(s).length, cols: 1, rowLabels: candidateLabels(s), colLabels: ['kept for backward'] }),
	async solve(state) {
		const spec = await describe(state);
		const candidates = await candidateTensors(state);
		const rows = candidates.flatMap((c, i) => (spec.saved.includes(c.id) ? [i] : []));
		const names = rows.map((i) => candidates[i].label);
		return {
			expected: { kind: 'cells', cells: rows.map((i) => `${i},0`) },
			shown: names.join(', '),
			explanation:
				`The generated backward graph reads ${names.length} forward tensors: ${names.join(', ')}. ` +
				`Each matrix product needs the other operand (X for ∂L/∂W₁, h₁ for ∂L/∂W₂, W₂ to pass the gradient down${state.xgrad ? ', W₁ for ∂L/∂X' : ''}), ` +
				`and each nonlinearity needs what its derivative is written in.`
		};
	}
};

export const matmulCount: BackpropCheckpoint = {
	id: 'matmul-count',
	settings: (random) => ({ act: pick(['tanh', 'relu', 'sigmoid'] as const, random), hidden: 2 + Math.floor(random() * 7), xgrad: random() < 0.5 }),
	prompt: (s) =>
		`The 2 → ${s.hidden} → 3 MLP (two linear layers), ∂L/∂X ${s.xgrad ? 'also' : 'not'} computed: how many matrix products (MatMul nodes) does the backward graph run?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.5, min: 0, max: 10 }),
	async solve(state) {
		const spec = await describe(state);
		const products = spec.nodes.filter((n) => n.phase === 'backward' && n.op === 'MatMul');
		const grads = products.map((n) => n.label || 'the gradient passed down to h₁');
		return {
			expected: { kind: 'number', value: products.length },
			shown: String(products.length),
			explanation:
				`Backward runs ${products.length} MatMul nodes: ${grads.join('; ')}. ` +
				`Each layer needs one for its weight gradient, and every layer but the first one more to pass the gradient down${state.xgrad ? ', plus one for the first layer because ∂L/∂X was asked for' : ''}.`
		};
	}
};

const SIGNS = ['+', '0', '−'] as const;
const signIndex = (v: number) => (v > 0 ? 0 : v < 0 ? 2 : 1);

export const b2Signs: BackpropCheckpoint = {
	id: 'b2-signs',
	settings: (random) => ({ loss: 'ce', batch: 1, act: pick(['tanh', 'relu', 'sigmoid'] as const, random), seed: seedFrom(random) }),
	prompt: (s) =>
		`Cross-entropy, batch of one point of class 1 (seed ${s.seed}, ${actName[s.act]}). Before running backward: is each class’s ∂L/∂b₂ positive, zero or negative?`,
	answer: () => ({ kind: 'cells', rows: 3, cols: 3, rowLabels: ['class 1', 'class 2', 'class 3'], colLabels: [...SIGNS] }),
	async solve(state, backend: Backend) {
		const { computeBackprop } = await import('./compute');
		const r = await computeBackprop(state, backend);
		const g = r.grads.b2;
		const cells = g.map((v, c) => `${c},${signIndex(v)}`);
		return {
			expected: { kind: 'cells', cells },
			shown: g.map((v, c) => `class ${c + 1}: ${SIGNS[signIndex(v)]}`).join(', '),
			explanation:
				`The model computed ∂L/∂b₂ = (${g.map((v) => formatNumber(v, 3)).join(', ')}), which is p − y for p = (${r.softmax.p.map((v) => formatNumber(v, 3)).join(', ')}). ` +
				`The true class’s entry is p − 1 < 0 and every other entry is its p > 0, so gradient descent raises the true logit and lowers the rest.`
		};
	}
};

export const naiveBreak: BackpropCheckpoint = {
	id: 'naive-break',
	settings: () => ({ lse: 'naive' }),
	prompt: () =>
		'Logits z = (2, 0.5, −1) times s, true class 2, the naive loss (exp, sum, divide, log) in float32: from which s on is it broken (non-finite, or more than 10⁻³ off float64)?',
	answer: () => ({ kind: 'number', scale: 'log', tolerance: 1.15, min: 1, max: 1e4 }),
	async solve(_state, backend: Backend) {
		const [{ naiveBreakScale }, { analyticBreak, LN_FLT_MAX }, { LSE_LOGITS }] = await Promise.all([
			import('./compute'),
			import('./lseReference'),
			import('./lse')
		]);
		const measured = await naiveBreakScale(backend);
		const analytic = analyticBreak([...LSE_LOGITS])!;
		if (measured === null) throw new Error('the naive loss never broke up to s = 1e4');
		return {
			expected: { kind: 'number', value: measured },
			shown: `s ≈ ${formatNumber(measured, 4)}`,
			explanation:
				`Bisection over runs of the naive float32 graph finds it breaks at s ≈ ${formatNumber(measured, 4)}; ` +
				`the formula gives s* = ${formatNumber(analytic, 4)}, where log Σe^(s·z) = ln FLT_MAX ≈ ${formatNumber(LN_FLT_MAX, 4)} (analytic). ` +
				'Past it, exp of the largest logit is ∞ in float32, and so is everything computed from it.'
		};
	}
};

export const bestH: BackpropCheckpoint = {
	id: 'best-h',
	settings: (random) => ({ act: pick(['tanh', 'sigmoid'] as const, random), loss: 'ce', batch: 1 + Math.floor(random() * 8), seed: seedFrom(random) }),
	prompt: (s) =>
		`${actName[s.act]} hidden layer, cross-entropy, batch of ${s.batch} (seed ${s.seed}), everything in float32: at which step h do central differences come closest to backward’s gradient? Put the marker there.`,
	answer: () => ({ kind: 'marker', figure: 'gradient-check', axis: 'x', scale: 'log', tolerance: 4, min: 1e-8, max: 1 }),
	async solve(state, backend: Backend) {
		const [{ computeBackprop }, { argmin, float32Curve, H_SWEEP }] = await Promise.all([import('./compute'), import('./gradcheck')]);
		const r = await computeBackprop(state, backend);
		const g = r.checkGrads;
		const curve = float32Curve(r.gradcheck.losses, r.gradcheck.hs, g).slice(0, H_SWEEP.length);
		const k = argmin(curve);
		const analytic = Math.cbrt(3 * 2 ** -24);
		return {
			expected: { kind: 'marker', value: H_SWEEP[k] },
			shown: `h ≈ ${formatNumber(H_SWEEP[k], 2)}`,
			explanation:
				`Over the sweep, the float32 check is closest at h ≈ ${formatNumber(H_SWEEP[k], 2)}, relative error ${formatNumber(curve[k], 2)}. ` +
				`Larger h adds truncation error (about h²), smaller h rounding error (about u/h, u = 2⁻²⁴); they balance near (3u)^⅓ ≈ ${formatNumber(analytic, 2)} (analytic).`
		};
	}
};

const RATIOS = [
	{ id: 'equal', label: 'equal', value: (_k: number) => 1 },
	{ id: 'k-times', label: 'k times as large', value: (k: number) => k },
	{ id: 'one-over-k', label: '1/k as large', value: (k: number) => 1 / k },
	{ id: 'unrelated', label: 'unrelated', value: (_k: number) => NaN }
] as const;

/** The option nearest a measured norm ratio (within 1 %), or "unrelated". */
export function ratioChoice(ratio: number, k: number): (typeof RATIOS)[number]['id'] {
	const near = RATIOS.find((r) => Math.abs(r.value(k) - ratio) <= 0.01 * r.value(k));
	return near?.id ?? 'unrelated';
}

export const forgotDiv: BackpropCheckpoint = {
	id: 'forgot-div',
	settings: (random) => ({ k: pick(['2', '4', '8'] as const, random), act: pick(['tanh', 'relu', 'sigmoid'] as const, random), seed: seedFrom(random), inplace: 'none', detach: 'none' }),
	prompt: (s) =>
		`A batch of 16 as k = ${s.k} micro-batches, zero_grad first, but the loss is not divided by k (${actName[s.act]}, seed ${s.seed}). Against the one-batch gradient, .grad at the end is:`,
	answer: () => ({ kind: 'choice', options: RATIOS.map(({ id, label }) => ({ id, label })) }),
	async solve(state, backend: Backend) {
		const [{ computeBackprop }, { norm, relativeTo }] = await Promise.all([import('./compute'), import('./accumulate')]);
		const ok = (await computeBackprop({ ...state, acc: 'ok' }, backend)).tricks.accumulation;
		const nodiv = (await computeBackprop({ ...state, acc: 'nodiv' }, backend)).tricks.accumulation;
		const end = nodiv.after[nodiv.after.length - 1];
		const ratio = norm(end) / norm(ok.oneBatch);
		const id = ratioChoice(ratio, nodiv.k);
		const okEnd = ok.after[ok.after.length - 1];
		return {
			expected: { kind: 'choice', id },
			shown: `${RATIOS.find((r) => r.id === id)!.label}: ‖.grad‖ / ‖one batch‖ = ${formatNumber(ratio, 5)}`,
			explanation:
				`The live runs: ${nodiv.k} micro-batch gradients added without ÷ k have ${formatNumber(ratio, 5)} times the one-batch gradient's norm. ` +
				`Each micro-batch loss is a mean over ${16 / nodiv.k} points, so each gradient is about the batch gradient's size, and k of them add up to k times it. ` +
				`With ÷ k the sum is the batch mean again: ${formatNumber(relativeTo(okEnd, ok.oneBatch), 2)} off it, relative.`
		};
	}
};

export default [savedTensors, matmulCount, b2Signs, naiveBreak, bestH, forgotDiv];
