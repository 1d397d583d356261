/** The analytic quantizer against hand-computed cases, and the spec's bit-ratio fact on the shipped weights. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { code, fakeQuant, gridFor, levels, quantizeMatrix } from './quantizer';
import { readWeights } from './weights';

const shipped = (task: string) => readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url))));
const LINEAR = ['q', 'k', 'v', 'o', 'mlp1', 'mlp2'].flatMap((m) => [`l0.${m}.w`, `l1.${m}.w`]);

describe('grids by hand', () => {
	it('symmetric 3-bit grid on [−1, 0.7]: s = 1/3, codes −3…3', () => {
		const g = gridFor(-1, 0.7, 3, 'sym');
		expect(g.scale).toBeCloseTo(1 / 3, 12);
		expect([g.zero, g.qmin, g.qmax]).toEqual([0, -3, 3]);
		expect(levels(g).map((v) => +v.toFixed(9))).toEqual([-1, -0.666666667, -0.333333333, 0, 0.333333333, 0.666666667, 1]);
		// 0.5/s = 1.5 rounds up to 2; 0.4/s = 1.2 to 1; −0.5/s = −1.5 to −1 (floor(v + ½)).
		expect([code(0.5, g), code(0.4, g), code(-0.5, g)]).toEqual([2, 1, -1]);
		expect(fakeQuant(0.4, g)).toBeCloseTo(1 / 3, 12);
	});

	it('asymmetric 2-bit grid on [−1, 2]: s = 1, z = 1, levels −1, 0, 1, 2', () => {
		const g = gridFor(-1, 2, 2, 'asym');
		expect(g.scale).toBe(1);
		expect([g.zero, g.qmin, g.qmax]).toEqual([1, 0, 3]);
		expect(levels(g)).toEqual([-1, 0, 1, 2]);
		// −0.5 + ½ = 0 → code 1 → 0; 1.5 + ½ = 2 → code 3 → 2; 7 clips to code 3 → 2.
		expect([code(-0.5, g), code(1.5, g), code(7, g)]).toEqual([1, 3, 3]);
		expect([fakeQuant(-0.5, g), fakeQuant(1.5, g), fakeQuant(-9, g)]).toEqual([0, 2, -1]);
	});

	it('asymmetric grid of a non-negative range starts at 0 (z = 0)', () => {
		const g = gridFor(0.5, 3, 2, 'asym');
		expect(g.zero).toBe(0);
		expect(g.scale).toBeCloseTo(1, 12);
	});

	it('per tensor vs per channel on a 2×2 matrix, MSE and SQNR by hand', () => {
		// Columns: [1, −1] and [0.1, 0.04]; 2-bit symmetric grid has codes −1…1, s = absmax.
		const x = [1, 0.1, -1, 0.04];
		const t = quantizeMatrix(x, 2, 2, 2, 'sym', 'tensor');
		// s = 1: 0.1 → 0, 0.04 → 0; errors 0.1² + 0.04² = 0.0116 over 4 weights.
		expect(Array.from(t.values)).toEqual([1, 0, -1, 0]);
		expect(t.mse).toBeCloseTo(0.0116 / 4, 12);
		expect(t.sqnr).toBeCloseTo(10 * Math.log10((1 + 0.01 + 1 + 0.0016) / 0.0116), 9);
		const c = quantizeMatrix(x, 2, 2, 2, 'sym', 'channel');
		// Column 2 gets s = 0.1: 0.04/0.1 = 0.4 → 0; error 0.04².
		expect(c.grids.map((g) => g.scale)).toEqual([1, 0.1]);
		expect(c.mse).toBeCloseTo(0.0016 / 4, 12);
		// Bits per weight: 2 + 32/4 per tensor, 2 + 32/2 per channel; asym adds b bits of zero point.
		expect(t.bitsPerWeight).toBe(10);
		expect(c.bitsPerWeight).toBe(18);
		expect(quantizeMatrix(x, 2, 2, 2, 'asym', 'channel').bitsPerWeight).toBe(2 + 34 / 2);
	});
});

describe('the shipped weights', () => {
	it('reads the trained transformer: linear weights [n_in, n_out] with finite values', () => {
		const w = shipped('copy');
		expect(w.get('l0.mlp1.w')!.shape).toEqual([32, 64]);
		expect(w.get('l0.mlp2.w')!.shape).toEqual([64, 32]);
		for (const name of LINEAR) {
			const t = w.get(name)!;
			expect(t.data.length).toBe(t.shape[0] * t.shape[1]);
			expect(t.data.every(Number.isFinite)).toBe(true);
		}
	});

	const ratiosOf = (names: string[]) => {
		const out: { at: string; ratio: number }[] = [];
		for (const task of ['copy', 'reverse', 'sort']) {
			const w = shipped(task);
			for (const name of names) {
				const t = w.get(name)!;
				const [rows, cols] = t.shape;
				for (const scheme of ['sym', 'asym'] as const)
					for (const gran of ['tensor', 'channel'] as const)
						for (let b = 4; b <= 7; b++) {
							const ratio = quantizeMatrix(t.data, rows, cols, b, scheme, gran).mse / quantizeMatrix(t.data, rows, cols, b + 1, scheme, gran).mse;
							out.push({ at: `${task} ${name} ${scheme} ${gran} b = ${b}`, ratio });
						}
			}
		}
		return out;
	};

	it('MSE(b)/MSE(b+1) is in [3.5, 5] for b = 4…7 on the default tensor l0.mlp1.w: every task, scheme and granularity', () => {
		const ratios = ratiosOf(['l0.mlp1.w']);
		expect(ratios).toHaveLength(3 * 4 * 4);
		for (const { at, ratio } of ratios) {
			expect(ratio, at).toBeGreaterThanOrEqual(3.5);
			expect(ratio, at).toBeLessThanOrEqual(5);
		}
	});

	it('over every linear weight the ratio stays in [3.4, 5.1] (two of 576 cases leave [3.5, 5])', () => {
		const ratios = ratiosOf(LINEAR);
		expect(ratios).toHaveLength(3 * 12 * 4 * 4);
		for (const { at, ratio } of ratios) {
			expect(ratio, at).toBeGreaterThanOrEqual(3.4);
			expect(ratio, at).toBeLessThanOrEqual(5.1);
		}
		expect(ratios.filter((r) => r.ratio < 3.5 || r.ratio > 5)).toHaveLength(2);
	});

	it('per channel never has a larger MSE than per tensor at 4 bits (symmetric), on every linear weight', () => {
		for (const task of ['copy', 'reverse', 'sort']) {
			const w = shipped(task);
			for (const name of LINEAR) {
				const t = w.get(name)!;
				const [rows, cols] = t.shape;
				const pt = quantizeMatrix(t.data, rows, cols, 4, 'sym', 'tensor').mse;
				const pc = quantizeMatrix(t.data, rows, cols, 4, 'sym', 'channel').mse;
				expect(pc, `${task} ${name}`).toBeLessThanOrEqual(pt);
			}
		}
	});
});
