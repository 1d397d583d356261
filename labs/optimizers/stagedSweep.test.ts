/**
 * Figure 2's sweep at a κ not measured before follows the rest of a model run (staged results),
 * so that figure 1 redraws without waiting for the sweep's 80 model runs. The page's compute, ONNX
 * on WASM in Node. (The sweep's numbers themselves: rateSweep.test.ts and checkpoints.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { isStaged } from '$lib/state/staged';
import { schema } from './lab';
import { computeOptimizers, measureSweep } from './compute';

// κ values no other test asks for: the kept sweeps live as long as the test worker's modules.
const NEW_KAPPA = 37;
const SHARED_KAPPA = 41;

describe("figure 2's sweep at a new κ", () => {
	it('comes after the trajectories, and the next run at that κ has it at once', async () => {
		const state = { ...defaults(schema), kappa: NEW_KAPPA };
		const computed = await computeOptimizers(state, 'wasm');
		if (!isStaged(computed)) throw new Error('a κ never swept gives staged results');
		expect(computed.first.sweep).toBeNull();
		expect(computed.first.runs.map((run) => run.path.length > 2)).toEqual(computed.first.runs.map(() => true));

		const { sweep } = await computed.rest;
		expect(sweep?.kappa).toBe(NEW_KAPPA);
		expect(sweep?.gdRates.length).toBe(sweep?.etas.length);
		expect(await measureSweep('wasm', NEW_KAPPA)).toBe(sweep);

		const again = await computeOptimizers(state, 'wasm');
		expect((isStaged(again) ? again.first : again).sweep).toBe(sweep);
	});

	it('two asks for one κ share one measurement', async () => {
		const [a, b] = await Promise.all([measureSweep('wasm', SHARED_KAPPA), measureSweep('wasm', SHARED_KAPPA)]);
		expect(a).toBe(b);
		expect(a.kappa).toBe(SHARED_KAPPA);
	});
});
