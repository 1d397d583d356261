/**
 * The lab's ONNX graphs: an MLP 2 → hidden → 3 with its loss, and the backward pass the project's
 * autodiff (`$lib/onnx/autodiff`) appends to it, built in one GraphBuilder and then cut in two at
 * the tensors backward reads (`$lib/onnx/split`): a forward model (data and weights → loss,
 * every intermediate, the saved tensors) and a backward model (saved tensors, weights, data and
 * the seed ∂L/∂L = 1 → every adjoint). Weights and data are inputs, so one pair of sessions
 * serves every seed. Every float32 tensor either pass computes is an output, so two runs show
 * each node's value (figures 1 and 2 step through them).
 *
 * Besides the bytes, `buildBackpropGraph` describes the graph as plain data (`GraphSpec`): the
 * nodes in the builder's topological order, which pass made them, what they read, and which
 * forward tensors the backward pass reads (the tensors it must keep: "saved").
 */
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import { splitGraph, type SplitGraph } from '$lib/onnx/split';
import { CLASSES, INPUTS, PARAM_NAMES, type ParamName } from './data';

export type Activation = 'tanh' | 'relu' | 'sigmoid';
export type LossKind = 'ce' | 'mse';
/** Where a stop-gradient sits: nowhere, on the hidden layer's output h₁, or on the softmax's max m. */
export type Detach = 'none' | 'hidden' | 'lsemax';
/** Which forward tensor an emulated `t.mul_(2)` overwrites between the two runs (figure 6). */
export type InPlace = 'none' | 'z1' | 'h1';

export interface NetShape {
	hidden: number;
	batch: number;
	act: Activation;
	loss: LossKind;
	/** Also differentiate with respect to the input X (as for an adversarial example). */
	xgrad: boolean;
	/** A stop-gradient; absent means none. */
	detach?: Detach;
	/**
	 * The textbook loss (figure 4's `lse=naive`): the logits times a scale input s, then
	 * Exp → ReduceSum → Div → Log with no max subtracted, so a large s overflows in figure 1.
	 */
	naive?: boolean;
}

export { PARAM_NAMES, type ParamName };

export interface GraphNodeSpec {
	/** The name of the tensor the node computes (unique). */
	id: string;
	op: string;
	phase: 'forward' | 'backward';
	/** Names of the tensors it reads (graph inputs, constants or other nodes' outputs). */
	inputs: string[];
	shape: number[];
	/** The graph output carrying its value, or null (int64/bool tensors are not exposed). */
	output: string | null;
	/** What the tensor is, for readers: "z₁", "∂L/∂W₁"; empty for the unnamed helpers. */
	label: string;
}

export interface GraphSpec {
	nodes: GraphNodeSpec[];
	/** Graph inputs (data and parameters) with their labels. */
	sources: { id: string; label: string; shape: number[] }[];
	/** Forward tensors (inputs or node outputs) the backward nodes read. */
	saved: string[];
	/** Forward tensor name → the backward tensor holding its adjoint ∂L/∂t. */
	adjoints: Record<string, string>;
	/** Parameter (and X when xgrad) → output name of its gradient. */
	gradOutputs: Record<string, string>;
	/** The constant 1 backward starts from (∂L/∂L), read by its first node. */
	seed: string;
	/** Nodes the stop-gradient adds or turns into zeros (the detach itself, ∂L/∂W₁ = 0, …): figure 2 marks them. */
	changed: string[];
	/** With `xgrad`: the backward nodes only ∂L/∂X needs, and W₁ (saved only then). Empty without. */
	xgradOnly: string[];
	/** Named forward tensors, for the figures and tests. */
	named: { logits: string; loss: string; logProbs: string | null; probs: string | null; z1: string; h1: string };
}

export interface BuiltGraph {
	split: SplitGraph;
	spec: GraphSpec;
}

const sub = (i: number) => String.fromCharCode(0x2080 + i);

export function shapeKey(s: NetShape): string {
	const detach = !s.detach || s.detach === 'none' ? '' : `-detach-${s.detach}`;
	return `backprop-${s.hidden}x${s.batch}-${s.act}-${s.loss}${s.xgrad ? '-xgrad' : ''}${detach}${s.naive ? '-naive' : ''}`;
}

export function buildBackpropGraph(s: NetShape): BuiltGraph {
	const g = new GraphBuilder('backprop');
	const X = g.input('X', [s.batch, INPUTS]);
	const Y = g.input('Y', [s.batch, CLASSES]);
	const W1 = g.input('W1', [INPUTS, s.hidden]);
	const b1 = g.input('b1', [s.hidden]);
	const W2 = g.input('W2', [s.hidden, CLASSES]);
	const b2 = g.input('b2', [CLASSES]);
	const S = s.naive ? g.input('S', [1]) : null;

	const labels = new Map<string, string>();
	const name = (t: Tensor, label: string) => (labels.set(t.name, label), t);

	const z1 = name(g.matMul(X, W1), `XW${sub(1)}`);
	const a1 = name(g.add(z1, b1), `z${sub(1)}`);
	const act = s.act === 'tanh' ? g.tanh(a1) : s.act === 'relu' ? g.relu(a1) : g.sigmoid(a1);
	const h1 = name(act, `h${sub(1)}`);
	// A stop-gradient is an Identity autodiff treats as a constant (PyTorch's .detach()).
	const stop: Tensor[] = [];
	const detached = (t: Tensor, label: string) => {
		const d = name(g.identity(t), `detach(${label})`);
		stop.push(d);
		return d;
	};
	const h1Read = s.detach === 'hidden' ? detached(h1, `h${sub(1)}`) : h1;
	const z2 = name(g.matMul(h1Read, W2), `h${sub(1)}W${sub(2)}`);
	const z = name(g.add(z2, b2), 'z');
	/** With detach=lsemax the softmax is written out, m = max z subtracted and detached: e^(z − m) and its sum. */
	const shifted = () => {
		const m = detached(name(g.reduceMax(z, [-1], true), 'm = max z'), 'm');
		const zm = name(g.sub(z, m), 'z − m');
		const e = name(g.exp(zm), 'e^(z − m)');
		return { zm, e, sum: name(g.reduceSum(e, [-1], true), 'Σ e^(z − m)') };
	};

	/** The naive softmax of s·z, written out: e^(s·z) overflows float32 once s·z passes ln(FLT_MAX) ≈ 88.72. */
	const naive = (sz: Tensor) => {
		const e = name(g.exp(sz), 'e^(s·z)');
		return name(g.div(e, name(g.reduceSum(e, [-1], true), 'Σ e^(s·z)')), 'p');
	};
	// With the naive loss the logits the softmax sees are s·z (there is no max to detach).
	const logits = S ? name(g.mul(z, S), 's·z') : z;

	let loss: Tensor;
	let logProbs: Tensor | null = null;
	let probs: Tensor | null = null;
	if (s.loss === 'ce') {
		// L = −(1/B) Σ_b Σ_c y_bc log p_bc, with log p from LogSoftmax (max-subtracted inside).
		if (S) logProbs = name(g.log(naive(logits)), 'log p');
		else if (s.detach === 'lsemax') {
			const { zm, sum } = shifted();
			logProbs = name(g.sub(zm, name(g.log(sum), 'log Σ')), 'log p');
		} else logProbs = name(g.logSoftmax(z, -1), 'log p');
		const picked = name(g.mul(Y, logProbs), 'y ⊙ log p');
		const perRow = name(g.reduceSum(picked, [-1], false), 'row sum');
		const mean = name(g.reduceMean(perRow, undefined, false), 'batch mean');
		loss = name(g.neg(mean), 'L');
	} else {
		// L = (1/B) Σ_b Σ_c (p_bc − y_bc)²: the difference d feeds the square twice (a fan-out).
		if (S) probs = naive(logits);
		else if (s.detach === 'lsemax') {
			const { e, sum } = shifted();
			probs = name(g.div(e, sum), 'p');
		} else probs = name(g.softmax(z, -1), 'p');
		const d = name(g.sub(probs, Y), 'p − y');
		const sq = name(g.mul(d, d), '(p − y)²');
		const perRow = name(g.reduceSum(sq, [-1], false), 'row sum');
		loss = name(g.reduceMean(perRow, undefined, false), 'L');
	}
	const forwardCount = g.nodes.length;
	const forwardTensors = g.nodes.map((n) => n.output);

	const wrt: Tensor[] = [W1, b1, W2, b2, ...(s.xgrad ? [X] : [])];
	// Asking for the intermediates' gradients too adds no node: autodiff hands back the adjoint
	// it accumulated for each, which figure 1 shows under its box.
	// Only tensors the loss reaches without crossing a stop-gradient have an adjoint worth a box;
	// asking for the others would add a zero node each.
	const reached = new Set([loss.name]);
	const stopped = new Set(stop.map((t) => t.name));
	for (let i = forwardCount - 1; i >= 0; i--) {
		const n = g.nodes[i];
		if (reached.has(n.output.name) && !stopped.has(n.output.name)) n.inputs.forEach((t) => reached.add(t.name));
	}
	const asked = forwardTensors.filter((t) => t !== loss && reached.has(t.name) && !stopped.has(t.name));
	// Backward's own constant 1: the split's backward model takes it as an input (∂L/∂L).
	const seed = g.constant([1], [], 'seed');
	const grads = gradients(g, loss, [...wrt, ...asked], { stop, seed });
	const adjointOf = new Map(asked.map((t, i) => [t.name, grads[wrt.length + i]]));
	const paramGrads = grads.slice(0, wrt.length);
	const nodeRecords = g.nodes.slice();

	const gradLabel = (t: Tensor) => `∂L/∂${t.name === 'X' ? 'X' : t.name.replace(/\d/, (d) => sub(Number(d)))}`;
	paramGrads.forEach((grad, i) => {
		if (!labels.has(grad.name)) labels.set(grad.name, gradLabel(wrt[i]));
	});

	// A backward tensor that is some forward tensor's adjoint is named after it (the one nearest
	// the loss when it is several tensors' adjoint, as ∂L/∂z is also ∂L/∂(h₁W₂)).
	for (let i = forwardTensors.length - 1; i >= 0; i--) {
		const t = forwardTensors[i];
		const adj = adjointOf.get(t.name);
		if (!adj) continue;
		if (t !== loss && !labels.has(adj.name) && labels.has(t.name)) labels.set(adj.name, `∂L/∂${labels.get(t.name)}`);
	}

	const outputFor = new Map<string, string>();
	nodeRecords.forEach((n, i) => {
		if (n.output.dtype !== 'float32') return;
		outputFor.set(n.output.name, g.output(n.output, `o${i}`).name);
	});
	const gradOutputs: Record<string, string> = {};
	paramGrads.forEach((grad, i) => (gradOutputs[wrt[i].name] = outputFor.get(grad.name) ?? g.output(grad, `g_${wrt[i].name}`).name));

	const nodes: GraphNodeSpec[] = nodeRecords.map((n, i) => ({
		id: n.output.name,
		op: n.op,
		phase: i < forwardCount ? 'forward' : 'backward',
		inputs: n.inputs.map((t) => t.name),
		shape: n.output.shape.map(Number),
		output: outputFor.get(n.output.name) ?? null,
		label: labels.get(n.output.name) ?? ''
	}));

	const forwardNames = new Set<string>([...forwardTensors.map((t) => t.name), 'X', 'Y', ...PARAM_NAMES]);
	const saved = new Set<string>();
	for (const n of nodes) if (n.phase === 'backward') for (const i of n.inputs) if (forwardNames.has(i)) saved.add(i);

	const adjoints: Record<string, string> = {};
	for (const [name, adj] of adjointOf) if (outputFor.has(adj.name)) adjoints[name] = adj.name;
	wrt.forEach((t, i) => {
		if (outputFor.has(paramGrads[i].name)) adjoints[t.name] = paramGrads[i].name;
	});

	// Adjoints the stop cuts off are zeros (Expand of the constant 0): with the detach nodes, what figure 2 marks.
	const zero = stop.length > 0 ? g.scalar(0).name : null;
	const zeroed = nodeRecords.slice(forwardCount).filter((n) => n.op === 'Expand' && n.inputs[0].name === zero);
	// With ∂L/∂X asked for: the backward nodes only it needs (ancestors of ∂L/∂X that no parameter's
	// gradient reads), and W₁, which backward now keeps. Figures 1 and 2 mark them for `xgrad`.
	const xOnly: string[] = [];
	if (s.xgrad) {
		const ancestors = (roots: readonly string[]) => {
			const seen = new Set(roots);
			for (let i = nodeRecords.length - 1; i >= forwardCount; i--)
				if (seen.has(nodeRecords[i].output.name)) nodeRecords[i].inputs.forEach((t) => seen.add(t.name));
			return seen;
		};
		const forParams = ancestors(paramGrads.slice(0, 4).map((t) => t.name));
		for (const name of ancestors([paramGrads[4].name]))
			if (!forParams.has(name) && nodeRecords.slice(forwardCount).some((n) => n.output.name === name)) xOnly.push(name);
		xOnly.push(W1.name);
	}
	const changed = [...stop.map((t) => t.name), ...zeroed.map((n) => n.output.name)];

	const sourceLabel = (n: string) => (n === 'S' ? 's' : n.length === 2 ? `${n[0]}${sub(Number(n[1]))}` : n);
	return {
		split: splitGraph(g, forwardCount, { seed }),
		spec: {
			nodes,
			sources: [X, Y, W1, b1, W2, b2, ...(S ? [S] : [])].map((t) => ({ id: t.name, label: sourceLabel(t.name), shape: t.shape.map(Number) })),
			saved: [...saved],
			adjoints,
			gradOutputs,
			seed: seed.name,
			changed,
			xgradOnly: xOnly,
			named: { logits: logits.name, loss: loss.name, logProbs: logProbs?.name ?? null, probs: probs?.name ?? null, z1: a1.name, h1: h1.name }
		}
	};
}
