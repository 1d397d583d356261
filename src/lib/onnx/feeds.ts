/**
 * What a graph input is fed: float32 values, or quantized codes for DequantizeLinear, as int8
 * (one a byte) or int4 (two a byte: ONNX packs the first of each pair in the low nibble).
 */
import type * as OrtTypes from 'onnxruntime-web';

export type Feed =
	| { data: Float32Array; dims: readonly number[]; type?: 'float32' }
	| { data: Int8Array; dims: readonly number[]; type: 'int8' }
	| { data: Uint8Array; dims: readonly number[]; type: 'int4' };
export type Feeds = Record<string, Feed>;

/** The runtime's tensor for a feed; `copy` gives it a copy of the values (the proxy worker detaches what it is given). */
export function ortTensor(ort: typeof OrtTypes, feed: Feed, copy = false): OrtTypes.Tensor {
	const data = copy ? feed.data.slice() : feed.data;
	return new ort.Tensor(feed.type ?? 'float32', data, feed.dims);
}

/** Signed 4-bit codes (each in −8…7) packed two a byte, the first of each pair in the low nibble. */
export function packInt4(codes: ArrayLike<number>): Uint8Array {
	const packed = new Uint8Array(Math.ceil(codes.length / 2));
	for (let i = 0; i < codes.length; i++) {
		const q = codes[i];
		if (!(Number.isInteger(q) && q >= -8 && q <= 7)) throw new RangeError(`packInt4: code ${q} at ${i} is not an integer in −8…7`);
		packed[i >> 1] |= (q & 0xf) << ((i & 1) * 4);
	}
	return packed;
}

/** Signed 8-bit codes, checked (a typed array would wrap an out-of-range code silently). */
export function int8Codes(codes: ArrayLike<number>): Int8Array {
	const out = new Int8Array(codes.length);
	for (let i = 0; i < codes.length; i++) {
		const q = codes[i];
		if (!(Number.isInteger(q) && q >= -128 && q <= 127)) throw new RangeError(`int8Codes: code ${q} at ${i} is not an integer in −128…127`);
		out[i] = q;
	}
	return out;
}
