/**
 * The run state machine always recovers: after a failure the Retry button or any control change
 * starts a fresh attempt, and a WebGPU failure moves the page to WebAssembly by itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { LabController } from '$lib/state/labController.svelte';
import { LabFault } from '$lib/onnx/faults';
import type { Backend } from '$lib/onnx/backend';
import type { Schema, StateOf } from '$lib/state/schema';
import ShellHarness from './harness/ShellHarness.svelte';

const schema = { depth: { kind: 'int', label: 'Depth', min: 1, max: 50, default: 20 } } satisfies Schema;

describe('recovery after a failure', () => {
	it('the Retry button starts a fresh attempt once the cause is gone', async () => {
		history.replaceState({}, '', '/lab');
		let serverUp = false;
		const controller = new LabController(schema, async (state: StateOf<typeof schema>) => {
			if (!serverUp) throw new LabFault('model', 'The download of the model “m” did not answer within 2 s.', true);
			return `depth ${state.depth}`;
		});
		render(ShellHarness, { controller });
		await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('did not answer within 2 s'));
		serverUp = true;
		await fireEvent.click(screen.getByTestId('model-retry'));
		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 20'));
		expect(controller.status).toBe('ready');
		expect(screen.queryByRole('alert')).toBeNull();
	});

	it('a control change after a failure runs again', async () => {
		history.replaceState({}, '', '/lab');
		let fail = true;
		const controller = new LabController(schema, async (state: StateOf<typeof schema>) => {
			if (fail) throw new TypeError('Failed to fetch dynamically imported module: /_app/chunk.js');
			return `depth ${state.depth}`;
		});
		render(ShellHarness, { controller });
		await waitFor(() => expect(controller.status).toBe('error'));
		fail = false;
		controller.set({ depth: 7 });
		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 7'));
	});

	// jsdom has no WebGPU: these two pretend the browser offers an adapter, so WebGPU is chosen.
	const withAdapter = () => Object.defineProperty(navigator, 'gpu', { value: { requestAdapter: async () => ({}) }, configurable: true });
	afterEach(() => Reflect.deleteProperty(navigator, 'gpu'));

	it('a WebGPU failure falls back to WebAssembly and says so', async () => {
		withAdapter();
		history.replaceState({}, '', '/lab?backend=webgpu');
		const calls: Backend[] = [];
		const controller = new LabController(schema, async (state: StateOf<typeof schema>, backend: Backend) => {
			calls.push(backend);
			if (backend === 'webgpu') throw new Error('9943320');
			return `depth ${state.depth} on ${backend}`;
		});
		render(ShellHarness, { controller });
		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 20 on wasm'));
		expect(calls[0]).toBe('webgpu');
		expect(controller.backend).toBe('wasm');
		expect(controller.backendNote).toMatch(/^WebGPU failed: .*; running on WebAssembly\.$/);
		expect(controller.backendNote).not.toMatch(/\d{5,}/);
		expect(controller.error).toBeNull();
	});

	it('a model that cannot be downloaded does not switch backends', async () => {
		withAdapter();
		history.replaceState({}, '', '/lab');
		const controller = new LabController(schema, async () => {
			throw new LabFault('model', 'The model “m” could not be downloaded (the server answered “not found”).');
		});
		render(ShellHarness, { controller });
		await waitFor(() => expect(controller.status).toBe('error'));
		expect(controller.backend).toBe('webgpu');
	});
});
