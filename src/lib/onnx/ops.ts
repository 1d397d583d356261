/**
 * The operator table: for every ONNX operator the builder supports, its parameters, its shape
 * and dtype rule, and how those parameters become ONNX attributes or constant int64 inputs
 * (opset 17 unless a graph asks for a newer one: see `since` and the `opset` passed to
 * `lower`). One entry per operator keeps an operator's whole definition in one place, so a
 * new operator (or, later, its gradient rule for autodiff) is one more entry.
 */
import {
	broadcastShapes,
	concatShape,
	formatShape,
	gatherShape,
	normalizeAxis,
	padShape,
	sliceShape,
	matMulShape,
	reduceShape,
	reshapeShape,
	sameShape,
	transposeShape,
	unsqueezeShape,
	type DType,
	type Shape,
	type Tensor
} from './shape';

export type Attribute =
	| { name: string; kind: 'int'; value: number }
	| { name: string; kind: 'float'; value: number }
	| { name: string; kind: 'ints'; value: readonly number[] };

type NoParams = Record<string, never>;

/** Parameters each operator takes besides its tensor inputs. */
export interface OpParams {
	MatMul: NoParams;
	Add: NoParams;
	Sub: NoParams;
	Mul: NoParams;
	Div: NoParams;
	Pow: NoParams;
	Neg: NoParams;
	Abs: NoParams;
	Exp: NoParams;
	Log: NoParams;
	Sqrt: NoParams;
	Tanh: NoParams;
	Sigmoid: NoParams;
	Relu: NoParams;
	Erf: NoParams;
	// Added for the double-descent lab (range reduction of angles before its polynomial cosines).
	Floor: NoParams;
	Identity: NoParams;
	LeakyRelu: { alpha: number };
	Greater: NoParams;
	Where: NoParams;
	Cast: { to: DType };
	/** axes omitted = reduce every axis. */
	ReduceSum: { axes?: readonly number[]; keepdims: boolean };
	ReduceMean: { axes?: readonly number[]; keepdims: boolean };
	ReduceSumSquare: { axes?: readonly number[]; keepdims: boolean };
	ReduceMax: { axes?: readonly number[]; keepdims: boolean };
	Transpose: { perm: readonly number[] };
	Reshape: { shape: readonly number[] };
	Concat: { axis: number };
	Unsqueeze: { axes: readonly number[] };
	// Added for training graphs (autodiff.ts and its rules in vjp.ts).
	Softmax: { axis: number };
	LogSoftmax: { axis: number };
	Gather: { axis: number };
	Equal: NoParams;
	/** ends past the end of an axis: use a large number such as 2**31 - 1. */
	Slice: { starts: readonly number[]; ends: readonly number[]; axes: readonly number[]; steps: readonly number[] };
	/** Zero padding; [begin_0, …, begin_{r-1}, end_0, …, end_{r-1}]. */
	Pad: { pads: readonly number[] };
	/** int64 [rank] of the input's runtime shape. */
	Shape: NoParams;
	/** Inputs (x, shape as int64 tensor); `shape` is what that tensor holds, for inference. */
	Expand: { shape: Shape };
	// Normalization operators (the normalization-axes lab). Inputs after X are per channel
	// (axis 1) or, for Layer/RMS, the shape of the normalized suffix X.shape[axis:].
	/** Inference form (opset 15): inputs X, scale, bias, mean, var; statistics are inputs. */
	BatchNormalization: { epsilon: number };
	/** Opset 6: inputs X, scale [C], bias [C]; one mean/variance per (sample, channel). */
	InstanceNormalization: { epsilon: number };
	/** Opset 17: inputs X, scale, bias; normalizes over axes axis..rank-1. */
	LayerNormalization: { axis: number; epsilon: number };
	/** Opset 21 form: inputs X, scale [C], bias [C] (per channel, not per group as in 18). */
	GroupNormalization: { numGroups: number; epsilon: number };
	/** Opset 23: inputs X, scale; x / sqrt(mean(x²) + ε) over axes axis..rank-1. */
	RMSNormalization: { axis: number; epsilon: number };
	// Quantized weights (the quantization lab).
	/**
	 * Opset 21: inputs x (int8 or int4 codes), scale (float32), zero point (x's type); s·(x − z)
	 * with scale and zero point one per tensor ([]) or one per slice along `axis` ([x.shape[axis]]).
	 */
	DequantizeLinear: { axis: number };
}
export type OpType = keyof OpParams;

/** How an operator's parameters appear in ONNX: attributes and/or extra constant int64 inputs. */
export interface Lowered {
	attributes?: Attribute[];
	int64Inputs?: (readonly number[])[];
}

export interface OpRule<P> {
	/** Number of tensor inputs; 'many' for Concat. */
	arity: number | 'many';
	infer(inputs: readonly Tensor[], params: P): { shape: Shape; dtype: DType };
	/** `opset` is the graph's; lowerings whose form changed between opsets read it. */
	lower?(params: P, opset: number): Lowered;
	/** The first opset that has this operator in the form lowered here (builder refuses older). */
	since?: number;
}

/** ONNX TensorProto.DataType codes. */
export const DTYPE_CODE: Record<DType, number> = { float32: 1, int64: 7, bool: 9, int8: 3, int4: 22 };

function requireDtype(op: string, t: Tensor, allowed: readonly DType[]): void {
	if (!allowed.includes(t.dtype)) throw new Error(`${op}: input ${t.name} is ${t.dtype}, expected ${allowed.join(' or ')}`);
}

function sameDtypes(op: string, inputs: readonly Tensor[]): DType {
	const dtype = inputs[0].dtype;
	for (const t of inputs)
		if (t.dtype !== dtype) throw new Error(`${op}: mixed dtypes ${inputs.map((x) => x.dtype).join(', ')}`);
	return dtype;
}

const numeric: readonly DType[] = ['float32', 'int64'];

function unaryFloat<P = NoParams>(op: string): OpRule<P> {
	return {
		arity: 1,
		infer: ([x]) => {
			requireDtype(op, x, ['float32']);
			return { shape: x.shape, dtype: x.dtype };
		}
	};
}

function binaryArithmetic(op: string): OpRule<NoParams> {
	return {
		arity: 2,
		infer: (inputs) => {
			inputs.forEach((t) => requireDtype(op, t, numeric));
			const dtype = sameDtypes(op, inputs);
			return { shape: broadcastShapes([inputs[0].shape, inputs[1].shape], op), dtype };
		}
	};
}

type ReduceParams = { axes?: readonly number[]; keepdims: boolean };

/** `axesInputSince`: the opset from which this reduction takes its axes as an input. */
function reduction(op: string, axesInputSince: number): OpRule<ReduceParams> {
	return {
		arity: 1,
		infer: ([x], p) => {
			requireDtype(op, x, numeric);
			return { shape: reduceShape(x.shape, p.axes, p.keepdims, op), dtype: x.dtype };
		},
		lower: (p, opset) => {
			const attributes: Attribute[] = [{ name: 'keepdims', kind: 'int', value: p.keepdims ? 1 : 0 }];
			if (p.axes === undefined) return { attributes };
			if (opset >= axesInputSince) return { attributes, int64Inputs: [p.axes] };
			return { attributes: [...attributes, { name: 'axes', kind: 'ints', value: p.axes }] };
		}
	};
}

export const OPS: { [K in OpType]: OpRule<OpParams[K]> } = {
	MatMul: {
		arity: 2,
		infer: ([a, b]) => {
			requireDtype('MatMul', a, ['float32']);
			requireDtype('MatMul', b, ['float32']);
			return { shape: matMulShape(a.shape, b.shape), dtype: 'float32' };
		}
	},
	Add: binaryArithmetic('Add'),
	Sub: binaryArithmetic('Sub'),
	Mul: binaryArithmetic('Mul'),
	Div: binaryArithmetic('Div'),
	Pow: binaryArithmetic('Pow'),
	Neg: unaryFloat('Neg'),
	Abs: unaryFloat('Abs'),
	Exp: unaryFloat('Exp'),
	Log: unaryFloat('Log'),
	Sqrt: unaryFloat('Sqrt'),
	Tanh: unaryFloat('Tanh'),
	Sigmoid: unaryFloat('Sigmoid'),
	Relu: unaryFloat('Relu'),
	Erf: unaryFloat('Erf'),
	Floor: unaryFloat('Floor'),
	Identity: { arity: 1, infer: ([x]) => ({ shape: x.shape, dtype: x.dtype }) },
	LeakyRelu: {
		...unaryFloat<{ alpha: number }>('LeakyRelu'),
		lower: (p) => ({ attributes: [{ name: 'alpha', kind: 'float', value: p.alpha }] })
	},
	Greater: {
		arity: 2,
		infer: (inputs) => {
			inputs.forEach((t) => requireDtype('Greater', t, numeric));
			sameDtypes('Greater', inputs);
			return { shape: broadcastShapes([inputs[0].shape, inputs[1].shape], 'Greater'), dtype: 'bool' };
		}
	},
	Where: {
		arity: 3,
		infer: ([cond, a, b]) => {
			requireDtype('Where', cond, ['bool']);
			const dtype = sameDtypes('Where', [a, b]);
			return { shape: broadcastShapes([cond.shape, a.shape, b.shape], 'Where'), dtype };
		}
	},
	Cast: {
		arity: 1,
		infer: ([x], p) => ({ shape: x.shape, dtype: p.to }),
		lower: (p) => ({ attributes: [{ name: 'to', kind: 'int', value: DTYPE_CODE[p.to] }] })
	},
	// Opset 13 moved ReduceSum's axes to an input; the other reductions follow only in 18.
	ReduceSum: reduction('ReduceSum', 13),
	ReduceMean: reduction('ReduceMean', 18),
	ReduceSumSquare: reduction('ReduceSumSquare', 18),
	ReduceMax: reduction('ReduceMax', 18),
	Transpose: {
		arity: 1,
		infer: ([x], p) => ({ shape: transposeShape(x.shape, p.perm), dtype: x.dtype }),
		lower: (p) => ({ attributes: [{ name: 'perm', kind: 'ints', value: p.perm }] })
	},
	Reshape: {
		arity: 1,
		infer: ([x], p) => ({ shape: reshapeShape(x.shape, p.shape), dtype: x.dtype }),
		lower: (p) => ({ int64Inputs: [p.shape] })
	},
	Concat: {
		arity: 'many',
		infer: (inputs, p) => {
			const dtype = sameDtypes('Concat', inputs);
			return { shape: concatShape(inputs.map((t) => t.shape), p.axis), dtype };
		},
		lower: (p) => ({ attributes: [{ name: 'axis', kind: 'int', value: p.axis }] })
	},
	Unsqueeze: {
		arity: 1,
		infer: ([x], p) => ({ shape: unsqueezeShape(x.shape, p.axes), dtype: x.dtype }),
		lower: (p) => ({ int64Inputs: [p.axes] })
	},
	Softmax: {
		...unaryFloat<{ axis: number }>('Softmax'),
		lower: (p) => ({ attributes: [{ name: 'axis', kind: 'int', value: p.axis }] })
	},
	LogSoftmax: {
		...unaryFloat<{ axis: number }>('LogSoftmax'),
		lower: (p) => ({ attributes: [{ name: 'axis', kind: 'int', value: p.axis }] })
	},
	Gather: {
		arity: 2,
		infer: ([data, indices], p) => {
			requireDtype('Gather', indices, ['int64']);
			return { shape: gatherShape(data.shape, indices.shape, p.axis), dtype: data.dtype };
		},
		lower: (p) => ({ attributes: [{ name: 'axis', kind: 'int', value: p.axis }] })
	},
	Equal: {
		arity: 2,
		infer: (inputs) => {
			sameDtypes('Equal', inputs);
			return { shape: broadcastShapes([inputs[0].shape, inputs[1].shape], 'Equal'), dtype: 'bool' };
		}
	},
	Slice: {
		arity: 1,
		infer: ([x], p) => ({ shape: sliceShape(x.shape, p.starts, p.ends, p.axes, p.steps), dtype: x.dtype }),
		lower: (p) => ({ int64Inputs: [p.starts, p.ends, p.axes, p.steps] })
	},
	Pad: {
		arity: 1,
		infer: ([x], p) => ({ shape: padShape(x.shape, p.pads), dtype: x.dtype }),
		lower: (p) => ({ int64Inputs: [p.pads] })
	},
	Shape: { arity: 1, infer: ([x]) => ({ shape: [x.shape.length], dtype: 'int64' }) },
	Expand: {
		arity: 2,
		infer: ([x, shape], p) => {
			requireDtype('Expand', shape, ['int64']);
			return { shape: broadcastShapes([x.shape, p.shape], 'Expand'), dtype: x.dtype };
		}
	},
	BatchNormalization: {
		arity: 5,
		since: 15,
		infer: (inputs) => {
			const [x, ...perChannel] = inputs;
			requireChannelInputs('BatchNormalization', x, perChannel, 2);
			return { shape: x.shape, dtype: 'float32' };
		},
		lower: (p) => ({ attributes: [{ name: 'epsilon', kind: 'float', value: p.epsilon }] })
	},
	InstanceNormalization: {
		arity: 3,
		since: 6,
		infer: ([x, ...perChannel]) => {
			requireChannelInputs('InstanceNormalization', x, perChannel, 3);
			return { shape: x.shape, dtype: 'float32' };
		},
		lower: (p) => ({ attributes: [{ name: 'epsilon', kind: 'float', value: p.epsilon }] })
	},
	LayerNormalization: {
		arity: 3,
		since: 17,
		infer: ([x, ...affine], p) => {
			requireSuffixInputs('LayerNormalization', x, affine, p.axis);
			return { shape: x.shape, dtype: 'float32' };
		},
		lower: (p) => ({
			attributes: [
				{ name: 'axis', kind: 'int', value: p.axis },
				{ name: 'epsilon', kind: 'float', value: p.epsilon }
			]
		})
	},
	GroupNormalization: {
		arity: 3,
		since: 21,
		infer: ([x, ...perChannel], p) => {
			requireChannelInputs('GroupNormalization', x, perChannel, 2);
			const channels = x.shape[1];
			if (!(Number.isInteger(p.numGroups) && p.numGroups >= 1))
				throw new Error(`GroupNormalization: numGroups ${p.numGroups} is not a positive integer`);
			if (typeof channels === 'number' && channels % p.numGroups !== 0)
				throw new Error(`GroupNormalization: ${p.numGroups} groups do not divide ${channels} channels`);
			return { shape: x.shape, dtype: 'float32' };
		},
		lower: (p) => ({
			attributes: [
				{ name: 'num_groups', kind: 'int', value: p.numGroups },
				{ name: 'epsilon', kind: 'float', value: p.epsilon }
			]
		})
	},
	RMSNormalization: {
		arity: 2,
		since: 23,
		infer: ([x, ...scale], p) => {
			requireSuffixInputs('RMSNormalization', x, scale, p.axis);
			return { shape: x.shape, dtype: 'float32' };
		},
		lower: (p) => ({
			attributes: [
				{ name: 'axis', kind: 'int', value: p.axis },
				{ name: 'epsilon', kind: 'float', value: p.epsilon }
			]
		})
	},
	// int4 inputs arrived in opset 21; the lab's quantized graphs import 21 for both widths.
	DequantizeLinear: {
		arity: 3,
		since: 21,
		infer: ([x, scale, zero], p) => {
			requireQuantParams(x, scale, zero, p.axis);
			return { shape: x.shape, dtype: 'float32' };
		},
		lower: (p) => ({ attributes: [{ name: 'axis', kind: 'int', value: p.axis }] })
	}
};

/** DequantizeLinear's scale and zero point: scalars (per tensor) or 1-D along the axis (per axis). */
function requireQuantParams(x: Tensor, scale: Tensor, zero: Tensor, axis: number): void {
	requireDtype('DequantizeLinear', x, ['int8', 'int4']);
	requireDtype('DequantizeLinear', scale, ['float32']);
	requireDtype('DequantizeLinear', zero, [x.dtype]);
	if (!sameShape(scale.shape, zero.shape)) throw new Error(`DequantizeLinear: scale ${formatShape(scale.shape)} and zero point ${formatShape(zero.shape)} differ`);
	if (scale.shape.length === 0) return;
	const along = x.shape[normalizeAxis(axis, x.shape.length, 'DequantizeLinear')];
	if (scale.shape.length !== 1 || scale.shape[0] !== along)
		throw new Error(`DequantizeLinear: scale ${formatShape(scale.shape)} must be [] (per tensor) or [${along}] (one per slice along axis ${axis})`);
}

/** Per-channel inputs (scale, bias, mean, var) must be 1-D of X's channel count (axis 1). */
function requireChannelInputs(op: string, x: Tensor, perChannel: readonly Tensor[], minRank: number): void {
	requireDtype(op, x, ['float32']);
	if (x.shape.length < minRank) throw new Error(`${op}: X must have rank ≥ ${minRank}, got ${formatShape(x.shape)}`);
	for (const t of perChannel) {
		requireDtype(op, t, ['float32']);
		if (t.shape.length !== 1 || t.shape[0] !== x.shape[1])
			throw new Error(`${op}: ${t.name} ${formatShape(t.shape)} must be [${x.shape[1]}] (one per channel)`);
	}
}

/** Scale/bias of Layer/RMS normalization: broadcastable to the normalized suffix X.shape[axis:]. */
function requireSuffixInputs(op: string, x: Tensor, affine: readonly Tensor[], axis: number): void {
	requireDtype(op, x, ['float32']);
	const rank = x.shape.length;
	if (!Number.isInteger(axis) || axis < -rank || axis >= rank) throw new Error(`${op}: axis ${axis} is out of range for rank ${rank}`);
	const suffix = x.shape.slice(axis < 0 ? axis + rank : axis);
	for (const t of affine) {
		requireDtype(op, t, ['float32']);
		if (t.shape.length > suffix.length || formatShape(broadcastShapes([suffix, t.shape], op)) !== formatShape(suffix))
			throw new Error(`${op}: ${t.name} ${formatShape(t.shape)} does not broadcast to the normalized axes ${formatShape(suffix)}`);
	}
}

/** Runs an operator's rule on its inputs, with the operator's name in any error. */
export function inferOp<K extends OpType>(op: K, inputs: readonly Tensor[], params: OpParams[K]): { shape: Shape; dtype: DType } {
	const rule = OPS[op] as OpRule<OpParams[K]>;
	if (rule.arity === 'many' ? inputs.length === 0 : inputs.length !== rule.arity)
		throw new Error(`${op}: expected ${rule.arity} inputs, got ${inputs.length}`);
	try {
		return rule.infer(inputs, params);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const shapes = inputs.map((t) => `${t.name}${formatShape(t.shape)}`).join(', ');
		throw new Error(`${message} (in ${op} of ${shapes})`);
	}
}
