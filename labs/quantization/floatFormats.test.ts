import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roundAllToFloat, roundToFloat } from './floatFormats';
import { summarize } from './summary';
import { FLOAT_LAYOUT, intBits } from './weightFormats';
import { readWeights } from './weights';

/**
 * References built another way: from a float32's bit pattern, as hardware converts, with integer
 * arithmetic only. They decode back to numbers for the comparison.
 */
const bits32 = (v: number) => new Uint32Array(Float32Array.of(v).buffer)[0];
const fromBits32 = (b: number) => new Float32Array(Uint32Array.of(b >>> 0).buffer)[0];

function bf16Reference(v: number): number {
	const b = bits32(v);
	// Add 0x7fff plus the lowest kept bit, then drop the low 16 bits: round to nearest, ties to even.
	const rounded = (b + 0x7fff + ((b >>> 16) & 1)) >>> 16;
	return fromBits32((rounded << 16) >>> 0);
}

function fp16Reference(v: number): number {
	const b = bits32(v);
	const sign = b >>> 31 ? -1 : 1;
	const exp = ((b >>> 23) & 0xff) - 127;
	let mant = (b & 0x7fffff) | 0x800000; // 24 significant bits
	// fp16 keeps 11 significant bits for exponents ≥ −14; below, fewer (subnormals).
	const drop = 13 + Math.max(0, -14 - exp);
	if (drop > 24) return sign * 0;
	const half = 1 << (drop - 1);
	const rest = mant & ((1 << drop) - 1);
	mant = Math.floor(mant / 2 ** drop);
	if (rest > half || (rest === half && mant % 2 === 1)) mant += 1;
	const value = mant * 2 ** (exp - 23 + drop);
	return sign * (value > 65504 ? Infinity : value);
}

describe('rounding to a float format', () => {
	it('gives the values a float16 cast gives, ties to even', () => {
		expect(roundToFloat(1 / 3, 'fp16')).toBe(0.333251953125);
		expect(roundToFloat(1 + 2 ** -11, 'fp16')).toBe(1); // a tie: the even neighbour is 1
		expect(roundToFloat(1 + 3 * 2 ** -11, 'fp16')).toBe(1 + 2 ** -9);
		expect(roundToFloat(65504, 'fp16')).toBe(65504);
		expect(roundToFloat(65519, 'fp16')).toBe(65504);
		expect(roundToFloat(65520, 'fp16')).toBe(Infinity);
		expect(roundToFloat(-65520, 'fp16')).toBe(-Infinity);
		expect(roundToFloat(2 ** -24, 'fp16')).toBe(2 ** -24); // the smallest subnormal
		expect(roundToFloat(2 ** -25, 'fp16')).toBe(0); // a tie between 0 and 2^-24
		expect(roundToFloat(3 * 2 ** -25, 'fp16')).toBe(2 ** -23);
		expect(roundToFloat(-0.1, 'fp16')).toBe(-0.0999755859375);
	});

	it('agrees with bit-level conversions on a million float32 values of every magnitude', () => {
		let seed = 12345;
		const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
		const x = new Float32Array(1_000_000);
		// Exponents from 2^-30 to 2^17 cover fp16's subnormals and its overflow; random bits below.
		for (let i = 0; i < x.length; i++) x[i] = (random() < 0.5 ? -1 : 1) * (1 + random()) * 2 ** Math.floor(-30 + 48 * random());
		const fp16 = roundAllToFloat(x, 'fp16');
		const bf16 = roundAllToFloat(x, 'bf16');
		let fp16Wrong = 0;
		let bf16Wrong = 0;
		for (let i = 0; i < x.length; i++) {
			if (!Object.is(fp16[i], fp16Reference(x[i]))) fp16Wrong++;
			if (!Object.is(bf16[i], bf16Reference(x[i]))) bf16Wrong++;
		}
		expect({ fp16Wrong, bf16Wrong }).toEqual({ fp16Wrong: 0, bf16Wrong: 0 });
	});

	it('keeps float32 values as they are in fp32', () => {
		const x = Float32Array.of(0.1, -3.75, 1e-30);
		expect(roundAllToFloat(x, 'fp32')).toEqual(x);
	});

	it('reads integer bits from the control and none from a float format', () => {
		expect(intBits('4')).toBe(4);
		expect(intBits('bf16')).toBeNull();
	});
});

describe('float formats on the shipped weights (figure 1)', () => {
	const LINEAR = ['q', 'k', 'v', 'o', 'mlp1', 'mlp2'].flatMap((m) => [`l0.${m}.w`, `l1.${m}.w`]);
	const figure = (task: string, tensor: string, format: '8' | 'fp16' | 'bf16' | 'fp32') => {
		const weights = readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url))));
		return summarize(tensor, weights.get(tensor)!, { format, scheme: 'sym', gran: 'channel' });
	};

	it('SQNR = 6.02·(p − 1) + 13.46 dB within 1 dB (73.7 fp16, 55.6 bf16), p significant bits, on every linear weight of every task', () => {
		// Rounding to p significant bits leaves an error uniform over a step 2^(1−p) of the weight's
		// power of two; with mantissas spread log-uniformly over [1, 2) (as wide-ranging values'
		// are), E[(error/weight)²] = 2^(2−2p)/12 · E[1/m²] = 2^(2−2p)/12 · 3/(8 ln 2).
		const predicted = (p: number) => 10 * Math.log10((12 * 8 * Math.LN2) / 3) + 20 * Math.log10(2) * (p - 1);
		for (const task of ['copy', 'reverse', 'sort'])
			for (const tensor of LINEAR)
				for (const format of ['fp16', 'bf16'] as const) {
					const r = figure(task, tensor, format);
					expect(Math.abs(r.sqnr - predicted(FLOAT_LAYOUT[format].significand)), `${task} ${tensor} ${format}: ${r.sqnr} dB`).toBeLessThan(1);
				}
		// The article's two predictions, to the 0.1 dB it prints.
		expect([predicted(11), predicted(8)].map((v) => +v.toFixed(1))).toEqual([73.7, 55.6]);
	});

	it('bf16 keeps 8 significant bits, INT8 per channel 8 bits in all, and bf16 has the higher SQNR; fp32 is exact', () => {
		for (const task of ['copy', 'reverse', 'sort'])
			for (const tensor of LINEAR) {
				expect(figure(task, tensor, 'bf16').sqnr, `${task} ${tensor}`).toBeGreaterThan(figure(task, tensor, '8').sqnr + 5);
				expect(figure(task, tensor, 'fp32').mse, `${task} ${tensor}`).toBe(0);
			}
	});

	it('has no grid to draw, and 16 bits per weight', () => {
		const r = figure('copy', 'l0.mlp1.w', 'fp16');
		expect([r.tensorLevels, r.channels.map((c) => c.levels.length), r.bitsPerWeight]).toEqual([[], [0, 0, 0, 0], 16]);
	});
});
