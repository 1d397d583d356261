/**
 * Encodes a plain graph description as ONNX ModelProto bytes with `onnx-proto` (the ONNX schema
 * compiled for protobufjs). This is the only module that touches protobuf; the builder hands it
 * finished nodes and never sees a proto object.
 */
import onnxProto from 'onnx-proto';
import { DTYPE_CODE, type Attribute } from './ops';
import type { DType, Shape, Tensor } from './shape';

const { onnx } = onnxProto;

/** The default opset; a graph may ask for a newer one (`GraphData.opset`). */
export const OPSET = 17;
export const IR_VERSION = 8;

/** IR version for an opset: opsets 21+ were released with IR 10. */
export const irVersionFor = (opset: number): number => (opset >= 21 ? 10 : IR_VERSION);

export interface EncodedNode {
	name: string;
	opType: string;
	inputs: readonly string[];
	outputs: readonly string[];
	attributes: readonly Attribute[];
}

export interface InitializerData {
	name: string;
	dtype: DType;
	shape: readonly number[];
	data: Float32Array | BigInt64Array;
}

export interface GraphData {
	name: string;
	/** Default OPSET. */
	opset?: number;
	inputs: readonly Tensor[];
	outputs: readonly Tensor[];
	initializers: readonly InitializerData[];
	nodes: readonly EncodedNode[];
}

function valueInfo(t: Tensor): InstanceType<typeof onnx.ValueInfoProto> {
	return onnx.ValueInfoProto.create({
		name: t.name,
		type: {
			tensorType: {
				elemType: DTYPE_CODE[t.dtype],
				shape: { dim: (t.shape as Shape).map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) }
			}
		}
	});
}

function attribute(a: Attribute): InstanceType<typeof onnx.AttributeProto> {
	const T = onnx.AttributeProto.AttributeType;
	switch (a.kind) {
		case 'int':
			return onnx.AttributeProto.create({ name: a.name, type: T.INT, i: a.value });
		case 'float':
			return onnx.AttributeProto.create({ name: a.name, type: T.FLOAT, f: a.value });
		case 'ints':
			return onnx.AttributeProto.create({ name: a.name, type: T.INTS, ints: [...a.value] });
	}
}

function initializer(init: InitializerData): InstanceType<typeof onnx.TensorProto> {
	// raw_data is little-endian; typed arrays are little-endian on every platform we target.
	const bytes = new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength).slice();
	return onnx.TensorProto.create({
		name: init.name,
		dataType: DTYPE_CODE[init.dtype],
		dims: [...init.shape],
		rawData: bytes
	});
}

export function encodeModel(graph: GraphData): Uint8Array {
	const model = onnx.ModelProto.create({
		irVersion: irVersionFor(graph.opset ?? OPSET),
		producerName: 'dl-visual-lab',
		opsetImport: [{ domain: '', version: graph.opset ?? OPSET }],
		graph: {
			name: graph.name,
			input: graph.inputs.map(valueInfo),
			output: graph.outputs.map(valueInfo),
			initializer: graph.initializers.map(initializer),
			node: graph.nodes.map((n) =>
				onnx.NodeProto.create({
					name: n.name,
					opType: n.opType,
					domain: '',
					input: [...n.inputs],
					output: [...n.outputs],
					attribute: n.attributes.map(attribute)
				})
			)
		}
	});
	// A plain Uint8Array: ORT under jsdom rejects a Node Buffer from another realm.
	return new Uint8Array(onnx.ModelProto.encode(model).finish());
}
