import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { LabController } from '$lib/state/labController.svelte';
import { disposeOpenControllers, openControllers } from '$lib/state/openControllers';
import type { Schema, StateOf } from '$lib/state/schema';
import { replaceState as replaceStateSpy } from '$app/navigation';
import ShellHarness from './harness/ShellHarness.svelte';

// A spy: every test gets $app/navigation from tests/support/app/navigation.ts (setup/app.ts).
const replaceState = vi.mocked(replaceStateSpy);

const schema = {
	depth: { kind: 'int', label: 'Depth', min: 1, max: 50, default: 20 },
	act: { kind: 'enum', label: 'Act', options: [{ value: 'relu', label: 'ReLU' }, { value: 'tanh', label: 'tanh' }], default: 'relu' }
} satisfies Schema;

function setup(query: string) {
	history.replaceState({}, '', `/lab${query}`);
	const compute = vi.fn(async (state: StateOf<typeof schema>) => `depth ${state.depth} ${state.act}`);
	const controller = new LabController(schema, compute);
	render(ShellHarness, { controller });
	return { controller, compute };
}

afterEach(() => replaceState.mockClear());

describe('LabController inside LabShell', () => {
	it('reads the URL, runs the model, and shows a note for a clamped value', async () => {
		const { compute } = setup('?depth=999&act=tanh');
		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 50 tanh'));
		expect(compute).toHaveBeenCalledWith({ depth: 50, act: 'tanh' }, 'wasm');
		expect(screen.getByRole('status')).toHaveTextContent('depth=999');
	});

	it('re-runs the model and rewrites the URL when a control changes', async () => {
		const { controller, compute } = setup('?depth=3');
		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 3 relu'));
		controller.set({ depth: 4 });
		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 4 relu'));
		expect(compute).toHaveBeenLastCalledWith({ depth: 4, act: 'relu' }, 'wasm');
		await waitFor(() => expect(replaceState).toHaveBeenLastCalledWith('/lab?depth=4', {}));
	});

	it('coalesces a burst of changes into one run with the last value', async () => {
		const { controller, compute } = setup('');
		await waitFor(() => expect(compute).toHaveBeenCalledTimes(1));
		for (let d = 1; d <= 10; d++) controller.set({ depth: d });
		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 10 relu'));
		expect(compute.mock.calls.length).toBeLessThanOrEqual(3);
	});

	it('reports a failing model as a visible error, not a crash', async () => {
		history.replaceState({}, '', '/lab');
		const controller = new LabController(schema, async () => {
			throw new Error('Failed to fetch model');
		});
		render(ShellHarness, { controller });
		await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/could not be downloaded/));
		expect(controller.status).toBe('error');
	});
});

describe('a controller a test leaves open', () => {
	it('is disposed by the teardown every file runs: the URL write it scheduled never happens', async () => {
		history.replaceState({}, '', '/lab');
		const controller = new LabController(schema, async () => 'unused');
		expect(openControllers?.has(controller), 'registered while open').toBe(true);
		controller.set({ depth: 7 });
		disposeOpenControllers();
		expect(openControllers?.has(controller), 'gone once disposed').toBe(false);
		// Past the write's delay (150 ms) and its idle callback.
		await new Promise((done) => setTimeout(done, 600));
		expect(replaceState).not.toHaveBeenCalled();
	});
});
