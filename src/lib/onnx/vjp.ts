/**
 * Vector-Jacobian products: for each operator, how the gradient of its output (`dy`) becomes
 * the gradients of its inputs, written as more builder nodes. `autodiff.ts` walks the graph and
 * calls these; one entry per operator, like the operator table in `ops.ts`.
 *
 * Broadcasting: a binary operator's output can be larger than an operand; that operand's
 * gradient is the output gradient summed back over the broadcast axes (`sumToShape`).
 *
 * Limits, each reported as an error naming the operator when met:
 * - MatMul needs operands of rank ≥ 2 (leading batch dims broadcast).
 * - Pow needs a constant exponent (made by `g.pow(x, number)`).
 * - ReduceMean, Slice, Concat, Gather and Reshape back need numeric sizes on the axes they touch
 *   (training graphs are built with a fixed batch size, so they have them).
 * - Gather's gradient is for axis 0 (an embedding lookup); it is a one-hot MatMul, which runs
 *   well on every backend for vocabularies of a few thousand rows.
 */
import type { GraphBuilder, NodeRecord } from './graph';
import type { OpType } from './ops';
import { formatShape, normalizeAxis, numElements, sameShape, type Dim, type Shape, type Tensor } from './shape';

/** Gradients for the inputs flagged in `need` (null elsewhere), given the output's gradient. */
export type Vjp<K extends OpType> = (g: GraphBuilder, node: NodeRecord<K>, dy: Tensor, need: readonly boolean[]) => (Tensor | null)[];

/** Sums `grad` over the axes along which `shape` was broadcast up to grad's shape. */
export function sumToShape(g: GraphBuilder, grad: Tensor, shape: Shape): Tensor {
	if (sameShape(grad.shape, shape)) return grad;
	const extra = grad.shape.length - shape.length;
	if (extra < 0) throw new Error(`autodiff: gradient ${formatShape(grad.shape)} is smaller than operand ${formatShape(shape)}`);
	let out = grad;
	if (extra > 0) {
		out = g.reduceSum(
			out,
			Array.from({ length: extra }, (_, i) => i),
			false
		);
	}
	const stretched = shape.flatMap((d, i) => (d === 1 && out.shape[i] !== 1 ? [i] : []));
	if (stretched.length > 0) out = g.reduceSum(out, stretched, true);
	if (!sameShape(out.shape, shape))
		throw new Error(`autodiff: cannot sum ${formatShape(grad.shape)} back to ${formatShape(shape)}`);
	return out;
}

/** Swaps the last two axes (a batched matrix transpose). */
function transposeLast2(g: GraphBuilder, x: Tensor): Tensor {
	const r = x.shape.length;
	const perm = Array.from({ length: r }, (_, i) => i);
	[perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
	return g.transpose(x, perm);
}

/** Reshapes `x` (same element count) to `target`, copying symbolic dims that line up by position. */
function reshapeTo(g: GraphBuilder, x: Tensor, target: Shape): Tensor {
	if (sameShape(x.shape, target)) return x;
	const symbolic = target.filter((d) => typeof d !== 'number').length;
	const spec = target.map((d, i) => {
		if (typeof d === 'number') return d;
		if (x.shape[i] === d) return 0;
		if (symbolic === 1) return -1;
		throw new Error(`autodiff: cannot reshape ${formatShape(x.shape)} back to ${formatShape(target)}`);
	});
	return g.reshape(x, spec);
}

/** The reduced axes of a reduction, normalized and sorted (all axes when omitted). */
function reducedAxes(x: Tensor, axes: readonly number[] | undefined): number[] {
	const all = x.shape.map((_, i) => i);
	return axes === undefined ? all : axes.map((a) => normalizeAxis(a, x.shape.length, 'reduce')).sort((a, b) => a - b);
}

/** Puts a reduction's gradient back in the input's shape (kept dims of 1, then broadcast). */
function unreduce(g: GraphBuilder, dy: Tensor, x: Tensor, axes: number[], keepdims: boolean): Tensor {
	const kept = keepdims || dy.shape.length === x.shape.length ? dy : g.unsqueeze(dy, axes);
	return g.expandAs(kept, x);
}

/** Product of numeric dims, or an error naming the operator. */
function countOf(dims: readonly Dim[], what: string): number {
	const n = numElements(dims);
	if (n === null) throw new Error(`autodiff: ${what} needs numeric sizes, got ${formatShape(dims)}`);
	return n;
}

const isFloat = (t: Tensor) => t.dtype === 'float32';

/** A unary op whose gradient is dy times a local derivative. */
function pointwise<K extends OpType>(local: (g: GraphBuilder, x: Tensor, y: Tensor, node: NodeRecord<K>) => Tensor): Vjp<K> {
	return (g, node, dy) => [g.mul(dy, local(g, node.inputs[0], node.output, node))];
}

export const VJP: { [K in OpType]?: Vjp<K> } = {
	Identity: (_g, _node, dy) => [dy],
	Neg: (g, _node, dy) => [g.neg(dy)],
	Add: (g, { inputs: [a, b] }, dy, need) => [need[0] ? sumToShape(g, dy, a.shape) : null, need[1] ? sumToShape(g, dy, b.shape) : null],
	Sub: (g, { inputs: [a, b] }, dy, need) => [
		need[0] ? sumToShape(g, dy, a.shape) : null,
		need[1] ? sumToShape(g, g.neg(dy), b.shape) : null
	],
	Mul: (g, { inputs: [a, b] }, dy, need) => [
		need[0] ? sumToShape(g, g.mul(dy, b), a.shape) : null,
		need[1] ? sumToShape(g, g.mul(dy, a), b.shape) : null
	],
	// y = a / b: ∂a = dy / b, ∂b = −dy · y / b.
	Div: (g, { inputs: [a, b], output: y }, dy, need) => {
		const dyOverB = g.div(dy, b);
		return [need[0] ? sumToShape(g, dyOverB, a.shape) : null, need[1] ? sumToShape(g, g.neg(g.mul(dyOverB, y)), b.shape) : null];
	},
	Pow: (g, { inputs: [x, e] }, dy, need) => {
		const p = g.scalarValue(e);
		if (p === undefined || need[1]) throw new Error('autodiff: Pow needs a constant exponent (g.pow(x, number))');
		const local = p === 1 ? null : p === 2 ? g.mul(x, 2) : g.mul(g.pow(x, p - 1), p);
		return [local ? sumToShape(g, g.mul(dy, local), x.shape) : sumToShape(g, dy, x.shape), null];
	},
	Abs: pointwise((g, x) => g.sub(g.cast(g.greater(x, 0), 'float32'), g.cast(g.greater(0, x), 'float32'))),
	Exp: pointwise((_g, _x, y) => y),
	Log: (g, { inputs: [x] }, dy) => [g.div(dy, x)],
	// y = √x: ∂x = dy / (2y).
	Sqrt: (g, { output: y }, dy) => [g.div(g.mul(dy, 0.5), y)],
	Tanh: pointwise((g, _x, y) => g.sub(1, g.mul(y, y))),
	Sigmoid: pointwise((g, _x, y) => g.mul(y, g.sub(1, y))),
	Relu: (g, { inputs: [x] }, dy) => [g.where(g.greater(x, 0), dy, 0)],
	LeakyRelu: (g, { inputs: [x], params }, dy) => [g.where(g.greater(x, 0), dy, g.mul(dy, params.alpha))],
	// erf'(x) = 2/√π · exp(−x²).
	Erf: pointwise((g, x) => g.mul(2 / Math.sqrt(Math.PI), g.exp(g.neg(g.mul(x, x))))),
	Cast: (_g, { inputs: [x], output }, dy) => [isFloat(x) && isFloat(output) ? dy : null],
	Greater: () => [null, null],
	Equal: () => [null, null],
	Shape: () => [null],
	Where: (g, { inputs: [cond, a, b] }, dy, need) => [
		null,
		need[1] ? sumToShape(g, g.where(cond, dy, 0), a.shape) : null,
		need[2] ? sumToShape(g, g.where(cond, 0, dy), b.shape) : null
	],
	Expand: (g, { inputs: [x] }, dy) => [sumToShape(g, dy, x.shape), null],

	// dA = dY·Bᵀ, dB = Aᵀ·dY, each summed over broadcast batch dims.
	MatMul: (g, { inputs: [a, b] }, dy, need) => {
		if (a.shape.length < 2 || b.shape.length < 2) throw new Error('autodiff: MatMul gradient needs operands of rank ≥ 2');
		return [
			need[0] ? sumToShape(g, g.matMul(dy, transposeLast2(g, b)), a.shape) : null,
			need[1] ? sumToShape(g, g.matMul(transposeLast2(g, a), dy), b.shape) : null
		];
	},

	ReduceSum: (g, { inputs: [x], params }, dy) => [unreduce(g, dy, x, reducedAxes(x, params.axes), params.keepdims)],
	ReduceMean: (g, { inputs: [x], params }, dy) => {
		const axes = reducedAxes(x, params.axes);
		const n = countOf(axes.map((a) => x.shape[a]), 'ReduceMean');
		return [g.div(unreduce(g, dy, x, axes, params.keepdims), n)];
	},
	ReduceSumSquare: (g, { inputs: [x], params }, dy) => [
		g.mul(unreduce(g, dy, x, reducedAxes(x, params.axes), params.keepdims), g.mul(x, 2))
	],
	// The gradient goes to the maxima, shared equally between ties.
	ReduceMax: (g, { inputs: [x], output: y, params }, dy) => {
		const axes = reducedAxes(x, params.axes);
		const yKept = params.keepdims ? y : g.unsqueeze(y, axes);
		const mask = g.cast(g.equal(x, g.expandAs(yKept, x)), 'float32');
		const ties = g.reduceSum(mask, axes, true);
		return [g.div(g.mul(unreduce(g, dy, x, axes, params.keepdims), mask), ties)];
	},

	// y = softmax(x): ∂x = y ⊙ (dy − Σ dy ⊙ y).
	Softmax: (g, { output: y, params }, dy) => [g.mul(y, g.sub(dy, g.reduceSum(g.mul(dy, y), [params.axis], true)))],
	// y = log softmax(x): ∂x = dy − softmax(x) · Σ dy.
	LogSoftmax: (g, { output: y, params }, dy) => [g.sub(dy, g.mul(g.exp(y), g.reduceSum(dy, [params.axis], true)))],

	Transpose: (g, { params }, dy) => {
		const inverse: number[] = [];
		params.perm.forEach((p, i) => (inverse[p] = i));
		return [g.transpose(dy, inverse)];
	},
	Reshape: (g, { inputs: [x] }, dy) => [reshapeTo(g, dy, x.shape)],
	Unsqueeze: (g, { inputs: [x] }, dy) => [reshapeTo(g, dy, x.shape)],

	// Each input's gradient is its own stretch of dy along the concatenated axis.
	Concat: (g, { inputs, params }, dy, need) => {
		const axis = normalizeAxis(params.axis, dy.shape.length, 'Concat');
		let offset = 0;
		return inputs.map((t, i) => {
			const len = countOf([t.shape[axis]], 'Concat');
			const start = offset;
			offset += len;
			return need[i] ? g.slice(dy, [start], [start + len], [axis]) : null;
		});
	},
	// Zeros where the slice did not look, dy where it did (steps of 1).
	Slice: (g, { inputs: [x], params }, dy) => {
		const rank = x.shape.length;
		const pads = new Array<number>(2 * rank).fill(0);
		params.axes.forEach((a, i) => {
			const axis = normalizeAxis(a, rank, 'Slice');
			if (params.steps[i] !== 1) throw new Error('autodiff: Slice gradient supports steps of 1 only');
			const d = countOf([x.shape[axis]], 'Slice');
			const raw = params.starts[i] < 0 ? params.starts[i] + d : params.starts[i];
			const start = Math.min(d, Math.max(0, raw));
			const len = countOf([dy.shape[axis]], 'Slice');
			pads[axis] = start;
			pads[axis + rank] = d - start - len;
		});
		return [g.pad(dy, pads)];
	},
	Pad: (g, { inputs: [x], params }, dy) => {
		const rank = x.shape.length;
		if (params.pads.some((p) => p < 0)) throw new Error('autodiff: Pad gradient needs non-negative pads');
		const axes = x.shape.map((_, i) => i).filter((i) => params.pads[i] + params.pads[i + rank] !== 0);
		const starts = axes.map((i) => params.pads[i]);
		const ends = axes.map((i) => params.pads[i] + countOf([x.shape[i]], 'Pad'));
		return [axes.length ? g.slice(dy, starts, ends, axes) : dy];
	},

	// Embedding lookup: ∂table = onehot(indices)ᵀ · dy (rows hit twice get both gradients).
	Gather: (g, { inputs: [table, indices], params }, dy, need) => {
		if (!need[0]) return [null, null];
		if (normalizeAxis(params.axis, table.shape.length, 'Gather') !== 0)
			throw new Error('autodiff: Gather gradient supports axis 0 (embedding lookup) only');
		const vocab = countOf([table.shape[0]], 'Gather');
		const row = countOf(table.shape.slice(1), 'Gather');
		const flatIndices = g.reshape(indices, [-1, 1]);
		const range = g.int64Constant(
			Array.from({ length: vocab }, (_, i) => i),
			[1, vocab]
		);
		const oneHot = g.cast(g.equal(flatIndices, range), 'float32');
		const flatDy = g.reshape(dy, [-1, row]);
		return [reshapeTo(g, g.matMul(g.transpose(oneHot), flatDy), table.shape), null];
	}
};
