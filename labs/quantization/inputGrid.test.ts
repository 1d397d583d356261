/**
 * Figure 1 with a linear layer's inputs: the page's compute (real ONNX calibration run on WASM in
 * Node) against the same values read here from the calibration graph and rounded by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runModel } from '../../tests/support/ort';
import { schema, quantization, type QuantizationState } from './lab';
import { computeQuantization } from './compute';
import { calibrationFeeds, calibrationGraph, readLinearInputs } from './accuracy';
import { fakeQuant } from './quantizer';
import { readWeights } from './weights';

const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as QuantizationState;
const weights = readWeights(new Uint8Array(readFileSync(new URL('../../static/models/attention-copy.onnx', import.meta.url))));
const inputs = runModel(calibrationGraph(), calibrationFeeds('copy', weights)).then(readLinearInputs);

/** Rounding error and clipped share of `x` on the grid spanning levels [lo, hi] with step s, by hand. */
function byHand(x: Float32Array, lo: number, hi: number, s: number) {
	let err = 0;
	let clipped = 0;
	for (const v of x) {
		const q = Math.min(hi, Math.max(lo, lo + s * Math.floor((v - lo) / s + 0.5)));
		err += (v - q) ** 2;
		if (v < lo - s / 2 || v > hi + s / 2) clipped++;
	}
	return { mse: err / x.length, clipped: clipped / x.length };
}

describe('figure 1: a linear layer’s inputs', () => {
	it('after the ReLU: never negative; min-max clips nothing, and the asymmetric grid’s error is the hand rounding’s', async () => {
		const x = (await inputs).get('l0.mlp2')!;
		const r = await computeQuantization({ ...defaults, tensor: 'l0.mlp2.x', abits: '6', scheme: 'asym', calib: 'minmax' }, 'wasm');
		expect(r.inputs).toBeDefined();
		expect(r.domain[0]).toBe(0);
		expect(r.rows * r.cols).toBe(x.length);
		expect(r.tensorLevels).toHaveLength(64);
		expect(r.inputs!.clipped).toBe(0);
		const hand = byHand(x, r.inputs!.clip[0], r.inputs!.clip[1], r.tensorScale);
		expect(r.mse).toBeCloseTo(hand.mse, 12);
		// The symmetric grid spends half its codes below zero, where no input is.
		const sym = await computeQuantization({ ...defaults, tensor: 'l0.mlp2.x', abits: '6', scheme: 'sym', calib: 'minmax' }, 'wasm');
		expect(sym.mse / r.mse).toBeGreaterThan(3);
	});

	it('the 99th percentile clips about 1% (what is beyond it by more than half a step), least MSE never does worse than min-max', async () => {
		const x = (await inputs).get('l0.q')!;
		const at = (calib: 'minmax' | 'pct' | 'mse') => computeQuantization({ ...defaults, tensor: 'l0.q.x', abits: '4', scheme: 'sym', calib, pct: 99 }, 'wasm');
		const [minmax, p99, mse] = await Promise.all([at('minmax'), at('pct'), at('mse')]);
		const hand = byHand(x, p99.inputs!.clip[0], p99.inputs!.clip[1], p99.tensorScale);
		expect(p99.inputs!.clipped).toBe(hand.clipped);
		expect(p99.inputs!.clipped).toBeGreaterThan(0);
		expect(p99.inputs!.clipped).toBeLessThanOrEqual(0.01);
		expect(mse.mse).toBeLessThanOrEqual(minmax.mse);
		expect(minmax.inputs!.clipped).toBe(0);
		// Every value is rounded to the one grid: fakeQuant says the same MSE.
		const g = { scale: mse.tensorScale, zero: mse.tensorZero, qmin: -7, qmax: 7 };
		expect(mse.mse).toBeCloseTo(x.reduce((e, v) => e + (v - fakeQuant(v, g)) ** 2, 0) / x.length, 12);
	});

	it('with float activations the inputs are shown at 8 bits, and the calibration controls stay live for them', async () => {
		const r = await computeQuantization({ ...defaults, tensor: 'l1.mlp1.x', abits: 'off' }, 'wasm');
		expect(r.format).toBe('8');
		expect(r.tensorLevels).toHaveLength(255);
		const rules = quantization.inactive!;
		expect(rules.calib!({ ...defaults, tensor: 'l1.mlp1.x', abits: 'off' })).toBeNull();
		expect(rules.calib!({ ...defaults, abits: 'off' })).not.toBeNull();
	});
});
