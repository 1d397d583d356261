/**
 * Rounding to the float formats figures 1 and 2 offer (weightFormats.ts): fp16, bf16 and fp32.
 * A float format keeps a fixed number of significant bits at every scale, so its rounding error
 * is relative to each weight (no step, no zero point, nothing to calibrate).
 * fp16 and bf16 are rounded here, in TypeScript, to nearest with ties to even, as a cast does;
 * the model then runs in float32 on the rounded values (ONNX's fp16 Cast needs WebGPU's
 * `shader-f16`, which not every browser has).
 */
import { FLOAT_LAYOUT, type FloatFormat } from './weightFormats';

const view = new DataView(new ArrayBuffer(8));

/** The exponent e of |v| = m·2^e with 1 ≤ m < 2 (v finite, non-zero), read from the float64's bits. */
function exponentOf(v: number): number {
	view.setFloat64(0, v);
	const biased = (view.getUint32(0) >>> 20) & 0x7ff;
	// A float64 subnormal (below 2^-1022) is far under every format's smallest step.
	return biased === 0 ? -1023 : biased - 1023;
}

/** Round to the nearest integer, ties to the even one. */
function roundHalfEven(t: number): number {
	const r = Math.round(t); // ties go up
	return r - t === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** v rounded to the nearest value of `format` (ties to even); beyond the largest finite value, ±Infinity. */
export function roundToFloat(v: number, format: FloatFormat): number {
	if (format === 'fp32') return Math.fround(v);
	if (v === 0 || !Number.isFinite(v)) return v;
	const { significand, minExponent, max } = FLOAT_LAYOUT[format];
	const a = Math.abs(v);
	// The spacing of the format's values near a: below the normal range it stays the subnormals' spacing.
	const ulp = 2 ** (Math.max(exponentOf(a), minExponent) - (significand - 1));
	const rounded = roundHalfEven(a / ulp) * ulp;
	return Math.sign(v) * (rounded > max ? Infinity : rounded);
}

/** Every value of x rounded to `format`. */
export function roundAllToFloat(x: Float32Array, format: FloatFormat): Float32Array {
	return x.map((v) => roundToFloat(v, format));
}

/** The error of rounding x to `format`: its MSE, and its SQNR in dB (Infinity where nothing changes, as in fp32). */
export function floatError(x: Float32Array, format: FloatFormat): { mse: number; sqnr: number } {
	let err = 0;
	let power = 0;
	for (const v of x) {
		err += (v - roundToFloat(v, format)) ** 2;
		power += v ** 2;
	}
	return { mse: err / x.length, sqnr: err > 0 ? 10 * Math.log10(power / err) : Infinity };
}
