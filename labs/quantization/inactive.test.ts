/**
 * The inactive rules of lab.ts against the model: with float activations the calibration and the
 * percentile change nothing (figure 2 is the same sweep), and only the percentile calibration
 * reads `pct` (the other two give the same grids at any percentile).
 */
import { describe, expect, it } from 'vitest';
import { quantization, schema, type QuantizationState } from './lab';
import { actGrids, linearInputs } from './accuracy';
import { sweepKey, sweepSettingsOf } from './accuracyRun';
import { outlierKey, outlierSettingsOf } from './outlierRun';
import { readWeights } from './weights';

const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as QuantizationState;
const rules = quantization.inactive!;

describe('quantization inactive controls', () => {
	it('with float activations, calib and pct are inactive and give the same figure 2', () => {
		const a = { ...defaults, abits: 'off', calib: 'minmax', pct: 99 } as const;
		const b = { ...defaults, abits: 'off', calib: 'mse', pct: 99.999 } as const;
		expect(rules.calib!(a)).not.toBeNull();
		expect(rules.pct!(b)).not.toBeNull();
		// Everything the sweep is computed from is equal, so the runs are the same runs.
		expect(sweepSettingsOf(b, 'wasm')).toEqual(sweepSettingsOf(a, 'wasm'));
		expect(sweepKey(sweepSettingsOf(b, 'wasm'))).toBe(sweepKey(sweepSettingsOf(a, 'wasm')));
	});

	it('figure 1 calibrates a linear layer’s inputs even with float activations: there calib and pct act', () => {
		const inputs = { ...defaults, abits: 'off', tensor: 'l0.mlp1.x', calib: 'pct' } as const;
		expect(rules.calib!(inputs)).toBeNull();
		expect(rules.pct!(inputs)).toBeNull();
		expect(rules.pct!({ ...inputs, calib: 'mse' })).toMatch(/Only the percentile/);
	});

	it('the sweep is told apart by what it reads: granularity and calibration with activations on, pct only for the percentile', () => {
		const key = (s: Partial<QuantizationState>) => sweepKey(sweepSettingsOf({ ...defaults, ...s }, 'wasm'));
		expect(key({ wbits: '2', tensor: 'l1.q.w', gran: 'channel' })).toBe(key({}));
		expect(key({ abits: '4', gran: 'channel' })).not.toBe(key({ abits: '4', gran: 'tensor' }));
		expect(key({ abits: '4', calib: 'mse' })).not.toBe(key({ abits: '4', calib: 'minmax' }));
		expect(key({ abits: '4', calib: 'mse', pct: 99 })).toBe(key({ abits: '4', calib: 'mse', pct: 99.999 }));
		expect(key({ abits: '4', calib: 'pct', pct: 99 })).not.toBe(key({ abits: '4', calib: 'pct', pct: 99.999 }));
		expect(key({ emb: false })).not.toBe(key({}));
	});

	it('pct is read by the percentile calibration only', async () => {
		const { weightsOf } = await import('./compute');
		const inputs = await linearInputs('copy', await weightsOf('copy'), 'wasm');
		for (const calib of ['minmax', 'mse'] as const) {
			expect(rules.pct!({ ...defaults, abits: '4', calib })).not.toBeNull();
			expect(actGrids(inputs, { bits: 4, scheme: 'sym', calib, pct: 99 })).toEqual(actGrids(inputs, { bits: 4, scheme: 'sym', calib, pct: 99.999 }));
		}
		expect(rules.pct!({ ...defaults, abits: '4', calib: 'pct' })).toBeNull();
		expect(actGrids(inputs, { bits: 4, scheme: 'sym', calib: 'pct', pct: 99 })).not.toEqual(actGrids(inputs, { bits: 4, scheme: 'sym', calib: 'pct', pct: 99.999 }));
	}, 60_000);

	it('α is read by SmoothQuant only: other remedies give the same figure 3 at any α', () => {
		const key = (s: Partial<QuantizationState>) => outlierKey(outlierSettingsOf({ ...defaults, ...s }, 'wasm'));
		for (const fix of ['none', 'llmint8', 'channel'] as const) {
			expect(rules.alpha!({ ...defaults, fix })).not.toBeNull();
			expect(key({ fix, alpha: 0 })).toBe(key({ fix, alpha: 1 }));
		}
		expect(rules.alpha!({ ...defaults, fix: 'smooth' })).toBeNull();
		expect(key({ fix: 'smooth', alpha: 0 })).not.toBe(key({ fix: 'smooth', alpha: 1 }));
	});
});
