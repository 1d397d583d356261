/**
 * A typed ONNX graph builder (opset 17, IR 8, default domain). Each operator method returns a
 * `Tensor` whose shape and dtype were inferred and checked when the node was added, so shape
 * errors surface in TypeScript at build time with the offending dims named.
 *
 *   const g = new GraphBuilder('mlp');
 *   const x = g.input('x', ['batch', 64]);
 *   const w = g.input('w', [64, 32]);
 *   g.output(g.tanh(g.matMul(x, w)), 'y');
 *   const bytes = g.toBytes();
 *
 * Nodes are kept as (op, input tensors, params, output) records, in topological order, so a
 * later pass (reverse-mode autodiff) can walk them; the operator table in `ops.ts` holds each
 * operator's shape rule and ONNX lowering. Binary operators accept plain numbers, which become
 * float32 scalar constants (deduplicated).
 */
import { encodeModel, type EncodedNode, type InitializerData } from './encode';
import { inferOp, OPS, type OpParams, type OpRule, type OpType } from './ops';
import { formatShape, numElements, type DType, type Shape, type Tensor } from './shape';

export type { Dim, DType, Shape, Tensor } from './shape';
export type { OpType, OpParams } from './ops';

/** A tensor, or a number standing for a float32 scalar constant. */
export type Operand = Tensor | number;

export interface NodeRecord<K extends OpType = OpType> {
	op: K;
	inputs: readonly Tensor[];
	params: OpParams[K];
	output: Tensor;
}

const NO_PARAMS = {} as Record<string, never>;

export class GraphBuilder {
	readonly nodes: NodeRecord[] = [];
	private readonly inputs: Tensor[] = [];
	private readonly outputs: Tensor[] = [];
	private readonly initializers: InitializerData[] = [];
	private readonly encoded: EncodedNode[] = [];
	private readonly names = new Set<string>();
	private readonly scalars = new Map<number, Tensor>();
	private counter = 0;

	constructor(readonly name = 'graph') {}

	// ---- graph boundary -------------------------------------------------------------------

	input(name: string, shape: Shape, dtype: DType = 'float32'): Tensor {
		const t = { name: this.claim(name), shape: [...shape], dtype };
		this.inputs.push(t);
		return t;
	}

	/** A trained weight (or any fixed tensor) stored in the model file. */
	initializer(name: string, values: Float32Array | readonly number[], shape: readonly number[]): Tensor {
		return this.addInitializer(this.claim(name), 'float32', Float32Array.from(values), shape);
	}

	/** A float32 constant stored as an initializer, named automatically unless a name is given. */
	constant(values: Float32Array | readonly number[], shape: readonly number[], name?: string): Tensor {
		const claimed = name === undefined ? this.fresh('const') : this.claim(name);
		return this.addInitializer(claimed, 'float32', Float32Array.from(values), shape);
	}

	/** A float32 scalar constant; equal values share one initializer. */
	scalar(value: number): Tensor {
		let t = this.scalars.get(value);
		if (!t) {
			t = this.constant([value], []);
			this.scalars.set(value, t);
		}
		return t;
	}

	/** Exposes `t` as a graph output called `name` (through an Identity node). */
	output(t: Tensor, name: string): Tensor {
		const out = { name: this.claim(name), shape: t.shape, dtype: t.dtype };
		this.addNode('Identity', [t], NO_PARAMS, out.name);
		this.outputs.push(out);
		return out;
	}

	toBytes(): Uint8Array {
		if (this.outputs.length === 0) throw new Error(`Graph ${this.name}: no outputs`);
		return encodeModel({
			name: this.name,
			inputs: this.inputs,
			outputs: this.outputs,
			initializers: this.initializers,
			nodes: this.encoded
		});
	}

	// ---- operators ------------------------------------------------------------------------

	matMul(a: Tensor, b: Tensor): Tensor {
		return this.addNode('MatMul', [a, b], NO_PARAMS);
	}
	add(a: Operand, b: Operand): Tensor {
		return this.addNode('Add', [this.val(a), this.val(b)], NO_PARAMS);
	}
	sub(a: Operand, b: Operand): Tensor {
		return this.addNode('Sub', [this.val(a), this.val(b)], NO_PARAMS);
	}
	mul(a: Operand, b: Operand): Tensor {
		return this.addNode('Mul', [this.val(a), this.val(b)], NO_PARAMS);
	}
	div(a: Operand, b: Operand): Tensor {
		return this.addNode('Div', [this.val(a), this.val(b)], NO_PARAMS);
	}
	/** x ** exponent with a constant exponent. */
	pow(x: Tensor, exponent: number): Tensor {
		return this.addNode('Pow', [x, this.scalar(exponent)], NO_PARAMS);
	}
	neg(x: Tensor): Tensor {
		return this.addNode('Neg', [x], NO_PARAMS);
	}
	abs(x: Tensor): Tensor {
		return this.addNode('Abs', [x], NO_PARAMS);
	}
	exp(x: Tensor): Tensor {
		return this.addNode('Exp', [x], NO_PARAMS);
	}
	log(x: Tensor): Tensor {
		return this.addNode('Log', [x], NO_PARAMS);
	}
	sqrt(x: Tensor): Tensor {
		return this.addNode('Sqrt', [x], NO_PARAMS);
	}
	tanh(x: Tensor): Tensor {
		return this.addNode('Tanh', [x], NO_PARAMS);
	}
	sigmoid(x: Tensor): Tensor {
		return this.addNode('Sigmoid', [x], NO_PARAMS);
	}
	relu(x: Tensor): Tensor {
		return this.addNode('Relu', [x], NO_PARAMS);
	}
	leakyRelu(x: Tensor, alpha = 0.01): Tensor {
		return this.addNode('LeakyRelu', [x], { alpha });
	}
	erf(x: Tensor): Tensor {
		return this.addNode('Erf', [x], NO_PARAMS);
	}
	identity(x: Tensor): Tensor {
		return this.addNode('Identity', [x], NO_PARAMS);
	}
	greater(a: Operand, b: Operand): Tensor {
		return this.addNode('Greater', [this.val(a), this.val(b)], NO_PARAMS);
	}
	where(cond: Tensor, a: Operand, b: Operand): Tensor {
		return this.addNode('Where', [cond, this.val(a), this.val(b)], NO_PARAMS);
	}
	cast(x: Tensor, to: DType): Tensor {
		return this.addNode('Cast', [x], { to });
	}
	/** Sum over `axes` (every axis when omitted). */
	reduceSum(x: Tensor, axes?: readonly number[], keepdims = true): Tensor {
		return this.addNode('ReduceSum', [x], { axes, keepdims });
	}
	reduceMean(x: Tensor, axes?: readonly number[], keepdims = true): Tensor {
		return this.addNode('ReduceMean', [x], { axes, keepdims });
	}
	reduceSumSquare(x: Tensor, axes?: readonly number[], keepdims = true): Tensor {
		return this.addNode('ReduceSumSquare', [x], { axes, keepdims });
	}
	reduceMax(x: Tensor, axes?: readonly number[], keepdims = true): Tensor {
		return this.addNode('ReduceMax', [x], { axes, keepdims });
	}
	/** Reverses the axes when `perm` is omitted (ONNX default). */
	transpose(x: Tensor, perm?: readonly number[]): Tensor {
		return this.addNode('Transpose', [x], { perm: perm ?? x.shape.map((_, i) => x.shape.length - 1 - i) });
	}
	/** ONNX Reshape: 0 copies the input dim, -1 is inferred. */
	reshape(x: Tensor, shape: readonly number[]): Tensor {
		return this.addNode('Reshape', [x], { shape });
	}
	concat(xs: readonly Tensor[], axis: number): Tensor {
		return this.addNode('Concat', xs, { axis });
	}
	unsqueeze(x: Tensor, axes: readonly number[]): Tensor {
		return this.addNode('Unsqueeze', [x], { axes });
	}

	// ---- internals ------------------------------------------------------------------------

	/** The one place a node is created: infer and check, record, lower to ONNX. */
	private addNode<K extends OpType>(op: K, inputs: readonly Tensor[], params: OpParams[K], outName?: string): Tensor {
		const { shape, dtype } = inferOp(op, inputs, params);
		const output: Tensor = { name: outName ?? this.fresh(op.toLowerCase()), shape, dtype };
		this.nodes.push({ op, inputs, params, output } as NodeRecord);
		const lowered = (OPS[op] as OpRule<OpParams[K]>).lower?.(params) ?? {};
		const constInputs = (lowered.int64Inputs ?? []).map((values) =>
			this.addInitializer(this.fresh(`${op.toLowerCase()}_arg`), 'int64', BigInt64Array.from(values, BigInt), [values.length])
		);
		this.encoded.push({
			name: `${op}_${this.encoded.length}`,
			opType: op,
			inputs: [...inputs, ...constInputs].map((t) => t.name),
			outputs: [output.name],
			attributes: lowered.attributes ?? []
		});
		return output;
	}

	private addInitializer(name: string, dtype: DType, data: Float32Array | BigInt64Array, shape: readonly number[]): Tensor {
		const expected = numElements(shape);
		if (expected !== data.length)
			throw new Error(`Initializer ${name}: ${data.length} values do not fill shape ${formatShape(shape)}`);
		this.initializers.push({ name, dtype, shape: [...shape], data });
		return { name, shape: [...shape], dtype };
	}

	private val(x: Operand): Tensor {
		return typeof x === 'number' ? this.scalar(x) : x;
	}

	private claim(name: string): string {
		if (this.names.has(name)) throw new Error(`Graph ${this.name}: the name ${name} is already used`);
		this.names.add(name);
		return name;
	}

	/** A new unique name; skips names the caller already claimed. */
	private fresh(prefix: string): string {
		let name: string;
		do name = `${prefix}_${this.counter++}`;
		while (this.names.has(name));
		return this.claim(name);
	}
}
