/**
 * The inactive rules of lab.ts against the model: with float activations the calibration and the
 * percentile change nothing (figure 2 is the same sweep), and only the percentile calibration
 * reads `pct` (the other two give the same grids at any percentile).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { quantization, schema, type QuantizationState } from './lab';
import { actGrids, linearInputs } from './accuracy';
import { readWeights } from './weights';

vi.mock('$lib/onnx/runtime', () => import('../../tests/support/nodeRuntime'));
vi.mock('$lib/onnx/shipped', () => ({
	shippedModels: { bytes: async (name: string) => new Uint8Array(readFileSync(new URL(`../../static/models/${name}.onnx`, import.meta.url))) }
}));

const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as QuantizationState;
const rules = quantization.inactive!;

describe('quantization inactive controls', () => {
	it('with float activations, calib and pct are inactive and give the same figure 2', async () => {
		const { sweepOf, weightsOf } = await import('./compute');
		const w = await weightsOf('copy');
		const a = { ...defaults, abits: 'off', calib: 'minmax', pct: 99 } as const;
		const b = { ...defaults, abits: 'off', calib: 'mse', pct: 99.999 } as const;
		expect(rules.calib!(a)).not.toBeNull();
		expect(rules.pct!(b)).not.toBeNull();
		expect(await sweepOf(b, w, 'wasm')).toEqual(await sweepOf(a, w, 'wasm'));
	}, 60_000);

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
});
