/**
 * The weight formats figures 1 and 2 offer, by name: integer grids of 2 to 8 bits, and the float
 * formats fp16, bf16 and fp32 with their layouts. The figures read only these; rounding to a
 * float format (floatFormats.ts) and to a grid (quantizer.ts) loads with the model code.
 */

/** The integer grids' bit widths. */
export const BITS = [2, 3, 4, 5, 6, 7, 8] as const;

export const FLOAT_FORMATS = ['fp16', 'bf16', 'fp32'] as const;
export type FloatFormat = (typeof FLOAT_FORMATS)[number];
/** What the `wbits` control holds (its options are in lab.ts): integer bits as text ('2' … '8') or a float format. */
export type WeightFormat = `${(typeof BITS)[number]}` | FloatFormat;

/** Each float format's layout: significant bits (the stored mantissa and the implicit 1), and the smallest normal exponent. */
export const FLOAT_LAYOUT: Record<FloatFormat, { bits: number; significand: number; minExponent: number; max: number }> = {
	fp16: { bits: 16, significand: 11, minExponent: -14, max: 65504 },
	bf16: { bits: 16, significand: 8, minExponent: -126, max: (2 - 2 ** -7) * 2 ** 127 },
	fp32: { bits: 32, significand: 24, minExponent: -126, max: (2 - 2 ** -23) * 2 ** 127 }
};

export const isFloatFormat = (w: string): w is FloatFormat => (FLOAT_FORMATS as readonly string[]).includes(w);

/** The integer bits of a weight format, or null for a float format. */
export const intBits = (w: WeightFormat): number | null => (isFloatFormat(w) ? null : Number(w));
