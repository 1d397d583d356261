/**
 * The operator table: for every ONNX operator the builder supports, its parameters, its shape
 * and dtype rule, and how those parameters become ONNX attributes or constant int64 inputs
 * (opset 17). One entry per operator keeps an operator's whole definition in one place, so a
 * new operator (or, later, its gradient rule for autodiff) is one more entry.
 */
import {
	broadcastShapes,
	concatShape,
	formatShape,
	matMulShape,
	reduceShape,
	reshapeShape,
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
	lower?(params: P): Lowered;
}

/** ONNX TensorProto.DataType codes. */
export const DTYPE_CODE: Record<DType, number> = { float32: 1, int64: 7, bool: 9 };

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

function reduction(op: string, axesAs: 'input' | 'attribute'): OpRule<ReduceParams> {
	return {
		arity: 1,
		infer: ([x], p) => {
			requireDtype(op, x, numeric);
			return { shape: reduceShape(x.shape, p.axes, p.keepdims, op), dtype: x.dtype };
		},
		lower: (p) => {
			const attributes: Attribute[] = [{ name: 'keepdims', kind: 'int', value: p.keepdims ? 1 : 0 }];
			if (p.axes === undefined) return { attributes };
			if (axesAs === 'input') return { attributes, int64Inputs: [p.axes] };
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
	ReduceSum: reduction('ReduceSum', 'input'),
	ReduceMean: reduction('ReduceMean', 'attribute'),
	ReduceSumSquare: reduction('ReduceSumSquare', 'attribute'),
	ReduceMax: reduction('ReduceMax', 'attribute'),
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
	}
};

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
