/**
 * The float32 initializers of a shipped ONNX file, by name, with their shapes: the trained
 * weights the lab quantizes. Reads the ModelProto with onnx-proto (the schema the encoder uses).
 */
import onnxProto from 'onnx-proto';

export interface WeightTensor {
	shape: number[];
	data: Float32Array;
}

const FLOAT = 1;

export function readWeights(bytes: Uint8Array): Map<string, WeightTensor> {
	const model = onnxProto.onnx.ModelProto.decode(bytes);
	const out = new Map<string, WeightTensor>();
	for (const t of model.graph?.initializer ?? []) {
		if (t.dataType !== FLOAT || !t.name) continue;
		const shape = (t.dims ?? []).map(Number);
		let data: Float32Array;
		if (t.rawData && t.rawData.length > 0) {
			// Copy: rawData may sit at an unaligned offset inside the file's buffer.
			const raw = t.rawData.slice();
			data = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
		} else data = Float32Array.from(t.floatData ?? []);
		out.set(t.name, { shape, data });
	}
	return out;
}
