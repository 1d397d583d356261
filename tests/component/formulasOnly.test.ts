/**
 * A lab of formulas (runsModels: false) never brings up the ONNX runtime: on prerendered numbers
 * it is ready at once without the warm-up a model lab does, and a control change computes in TS.
 */
import { describe, expect, it, vi } from 'vitest';
import { LabController } from '$lib/state/labController.svelte';
import type { Schema, StateOf } from '$lib/state/schema';

const warmUp = vi.fn(async () => undefined);
vi.mock('$lib/onnx/warmUp', () => ({ warmUp }));

const schema = { n: { kind: 'int', label: 'n', min: 1, max: 10, default: 2 } } satisfies Schema;
const square = async (state: StateOf<typeof schema>) => state.n * state.n;

async function openOnPrerendered(runsModels: boolean) {
	warmUp.mockClear();
	const controller = new LabController(schema, square, runsModels);
	controller.seed({ state: { n: 2 }, results: 4, omitted: [] });
	await controller.connect(new URL('http://lab.test/labs/x?backend=wasm'));
	return controller;
}

describe('a lab that runs no model', () => {
	it('is ready on its prerendered numbers without warming up a runtime', async () => {
		const controller = await openOnPrerendered(false);
		expect(controller.status).toBe('ready');
		expect(warmUp).not.toHaveBeenCalled();
		controller.set({ n: 3 });
		controller.refresh(); // what the page's effect does on a change
		await vi.waitFor(() => expect(controller.results).toBe(9));
	});

	it('while a model lab warms its runtime up on the same page', async () => {
		const controller = await openOnPrerendered(true);
		expect(warmUp).toHaveBeenCalledWith('wasm');
		expect(controller.status).toBe('ready');
	});
});
