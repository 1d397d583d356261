/**
 * A typed ONNX graph builder (default domain; opset 17 and IR 8 unless the graph asks for a
 * newer opset: `new GraphBuilder('norms', { opset: 23 })`, IR 10 from opset 21). Each operator
 * method returns a `Tensor` whose shape and dtype were inferred and checked when the node was
 * added, so shape errors surface in TypeScript at build time with the offending dims named.
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
import { encodeModel, OPSET as DEFAULT_OPSET, type EncodedNode, type GraphData, type InitializerData } from './encode';
import { inferOp, OPS, type OpParams, type OpRule, type OpType } from './ops';
import { formatShape, numElements, type DType, type Shape, type Tensor } from './shape';

export type { Dim, DType, Shape, Tensor } from './shape';
export type { OpType, OpParams } from './ops';

/** A tensor, or a number standing for a float32 scalar constant. */
export type Operand = Tensor | number;

export interface GraphOptions {
	/** ONNX opset to import (17–26; default 17). Reductions lower their axes to match it. */
	opset?: number;
}

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
	/** Outputs of `stopGradient`: `gradients` treats them as constants. */
	readonly gradientStops = new Set<string>();
	private counter = 0;

	/** The opset the graph imports; operators newer than it are refused when added. */
	readonly opset: number;

	constructor(
		readonly name = 'graph',
		options: GraphOptions = {}
	) {
		this.opset = options.opset ?? DEFAULT_OPSET;
		// Below 17 some lowerings here (Unsqueeze, ReduceSum axes as inputs) would be wrong; ORT 1.30 stops at 26.
		if (!Number.isInteger(this.opset) || this.opset < 17 || this.opset > 26)
			throw new Error(`Graph ${name}: opset ${this.opset} is outside the supported 17–26`);
	}

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
		return encodeModel(this.data());
	}

	/**
	 * The graph as plain data, ready to encode: `nodes` in the order they were added (the same
	 * order as `this.nodes`, with their lowered attributes and constant inputs). split.ts cuts it.
	 */
	data(): GraphData {
		return { name: this.name, opset: this.opset, inputs: this.inputs, outputs: this.outputs, initializers: this.initializers, nodes: this.encoded };
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
	floor(x: Tensor): Tensor {
		return this.addNode('Floor', [x], NO_PARAMS);
	}
	identity(x: Tensor): Tensor {
		return this.addNode('Identity', [x], NO_PARAMS);
	}
	/**
	 * x in the forward pass, a constant to `gradients` (PyTorch's `detach()`): no gradient flows
	 * back through it. The straight-through estimator is c + stopGradient(q(c) − c).
	 */
	stopGradient(x: Tensor): Tensor {
		const y = this.identity(x);
		this.gradientStops.add(y.name);
		return y;
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

	// ---- normalization operators (opset ≥ 15 / 17 / 21 / 23, see ops.ts) -------------------

	/** BatchNormalization in inference form: the statistics are inputs ([C] each, C = x.shape[1]). */
	batchNormalization(x: Tensor, scale: Tensor, bias: Tensor, mean: Tensor, variance: Tensor, epsilon = 1e-5): Tensor {
		return this.addNode('BatchNormalization', [x, scale, bias, mean, variance], { epsilon });
	}
	/** One mean and variance per (sample, channel), over the remaining axes. */
	instanceNormalization(x: Tensor, scale: Tensor, bias: Tensor, epsilon = 1e-5): Tensor {
		return this.addNode('InstanceNormalization', [x, scale, bias], { epsilon });
	}
	/** Normalizes over axes `axis`..rank-1; scale and bias broadcast to that suffix. */
	layerNormalization(x: Tensor, scale: Tensor, bias: Tensor, axis = -1, epsilon = 1e-5): Tensor {
		return this.addNode('LayerNormalization', [x, scale, bias], { axis, epsilon });
	}
	/** Opset-21 GroupNormalization: channels split into `numGroups` groups; scale and bias per channel. */
	groupNormalization(x: Tensor, scale: Tensor, bias: Tensor, numGroups: number, epsilon = 1e-5): Tensor {
		return this.addNode('GroupNormalization', [x, scale, bias], { numGroups, epsilon });
	}
	/** x / sqrt(mean(x²) + ε) · scale over axes `axis`..rank-1 (opset 23). */
	rmsNormalization(x: Tensor, scale: Tensor, axis = -1, epsilon = 1e-5): Tensor {
		return this.addNode('RMSNormalization', [x, scale], { axis, epsilon });
	}

	// ---- quantized weights (opset ≥ 21) ----------------------------------------------------

	/** s·(q − z) in float32 from int8 or int4 codes `q`; `scale` and `zero` per tensor or per slice along `axis`. */
	dequantizeLinear(q: Tensor, scale: Tensor, zero: Tensor, axis = 1): Tensor {
		return this.addNode('DequantizeLinear', [q, scale, zero], { axis });
	}

	// ---- operators added for training graphs (gradients in vjp.ts) ----------------------

	/** Softmax along one axis (opset 13+ semantics, not a flattened suffix). */
	softmax(x: Tensor, axis = -1): Tensor {
		return this.addNode('Softmax', [x], { axis });
	}
	logSoftmax(x: Tensor, axis = -1): Tensor {
		return this.addNode('LogSoftmax', [x], { axis });
	}
	/** Slices of `data` picked by int64 `indices`; axis 0 is an embedding lookup. */
	gather(data: Tensor, indices: Tensor, axis = 0): Tensor {
		return this.addNode('Gather', [data, indices], { axis });
	}
	equal(a: Tensor, b: Tensor): Tensor {
		return this.addNode('Equal', [a, b], NO_PARAMS);
	}
	/** ONNX Slice; `ends` past the end may be any large number (2**31 - 1). */
	slice(x: Tensor, starts: readonly number[], ends: readonly number[], axes: readonly number[], steps?: readonly number[]): Tensor {
		return this.addNode('Slice', [x], { starts, ends, axes, steps: steps ?? axes.map(() => 1) });
	}
	/** Zero padding: pads = [begin per axis…, end per axis…]. */
	pad(x: Tensor, pads: readonly number[]): Tensor {
		return this.addNode('Pad', [x], { pads });
	}
	shape(x: Tensor): Tensor {
		return this.addNode('Shape', [x], NO_PARAMS);
	}
	/** Broadcasts `x` to the shape of `like` (read at run time when `like` has symbolic dims). */
	expandAs(x: Operand, like: Tensor): Tensor {
		const numeric = like.shape.every((d) => typeof d === 'number');
		const target = numeric ? this.int64Constant(like.shape as number[], [like.shape.length]) : this.shape(like);
		return this.addNode('Expand', [this.val(x), target], { shape: like.shape });
	}
	/** GELU in its exact form x·Φ(x), composed from Erf so autodiff needs no rule of its own. */
	gelu(x: Tensor): Tensor {
		return this.mul(this.mul(x, 0.5), this.add(1, this.erf(this.mul(x, Math.SQRT1_2))));
	}
	/** An int64 constant (class labels, index ranges). */
	int64Constant(values: readonly number[], shape: readonly number[], name?: string): Tensor {
		const claimed = name === undefined ? this.fresh('const_i64') : this.claim(name);
		return this.addInitializer(claimed, 'int64', BigInt64Array.from(values, (v) => BigInt(v)), shape);
	}
	/** The number behind a scalar made by `scalar()` (or a plain-number operand), else undefined. */
	scalarValue(t: Tensor): number | undefined {
		for (const [value, scalar] of this.scalars) if (scalar.name === t.name) return value;
		return undefined;
	}

	// ---- internals ------------------------------------------------------------------------

	/** The one place a node is created: infer and check, record, lower to ONNX. */
	private addNode<K extends OpType>(op: K, inputs: readonly Tensor[], params: OpParams[K], outName?: string): Tensor {
		const { shape, dtype } = inferOp(op, inputs, params);
		const output: Tensor = { name: outName ?? this.fresh(op.toLowerCase()), shape, dtype };
		this.nodes.push({ op, inputs, params, output } as NodeRecord);
		const rule = OPS[op] as OpRule<OpParams[K]>;
		if (rule.since !== undefined && this.opset < rule.since)
			throw new Error(`${op} needs opset ${rule.since}; graph ${this.name} is opset ${this.opset} (new GraphBuilder(name, { opset }))`);
		const lowered = rule.lower?.(params, this.opset) ?? {};
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
