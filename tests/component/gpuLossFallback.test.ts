/**
 * WebGPU failing for the whole page (its device lost, reported through src/lib/onnx/gpuLoss.ts):
 * the lab moves to WebAssembly once and says so, a live run WebGPU cut off starts again there
 * from its settings, and asking for WebGPU again afterwards gets WebAssembly. The latch is
 * page-wide, so these tests live in a file of their own (vitest gives each file fresh modules).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import type { Backend } from '$lib/onnx/backend';
import { webgpuHealth } from '$lib/onnx/gpuLoss';
import { LabController } from '$lib/state/labController.svelte';
import { LiveRun } from '$lib/state/liveRun.svelte';
import type { Schema, StateOf } from '$lib/state/schema';
import ShellHarness from './harness/ShellHarness.svelte';

const schema = { depth: { kind: 'int', label: 'Depth', min: 1, max: 50, default: 20 } } satisfies Schema;

/** A lab with one live run that never ends by itself and records where each start ran. */
class RunningLab extends LabController<typeof schema, string> {
	readonly started: Backend[] = [];
	readonly training = new LiveRun<{ depth: number; backend: Backend }>({
		tracks: () => [{ id: 'net', label: 'net', data: null }],
		job: async (settings, run) => {
			this.started.push(settings.backend);
			run.update(0, { status: 'running' });
			await new Promise<void>((resolve) => run.signal.addEventListener('abort', () => resolve()));
		}
	});
	restarts = 0;

	protected override restartRuns(): void {
		this.restarts += 1;
		this.training.restartOnWasm();
	}
}

describe('WebGPU lost for the page', () => {
	afterEach(() => Reflect.deleteProperty(navigator, 'gpu'));

	it('moves the lab to WebAssembly once, restarts its cut-off run there, and keeps it there', async () => {
		// jsdom has no WebGPU: pretend the browser offers an adapter, so WebGPU is chosen.
		Object.defineProperty(navigator, 'gpu', { value: { requestAdapter: async () => ({}) }, configurable: true });
		history.replaceState({}, '', '/lab?backend=webgpu');
		const lab = new RunningLab(schema, async (state: StateOf<typeof schema>, backend: Backend) => `depth ${state.depth} on ${backend}`);
		render(ShellHarness, { controller: lab });
		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 20 on webgpu'));
		void lab.training.start({ depth: 20, backend: 'webgpu' });
		await waitFor(() => expect(lab.training.status).toBe('running'));

		webgpuHealth.fail('the GPU device was lost');
		webgpuHealth.fail('a second report');

		await waitFor(() => expect(screen.getByTestId('result')).toHaveTextContent('depth 20 on wasm'));
		expect(lab.backend).toBe('wasm');
		expect(lab.backendNote).toBe('WebGPU failed: the GPU device was lost; running on WebAssembly.');
		expect(lab.restarts).toBe(1);
		expect(lab.started).toEqual(['webgpu', 'wasm']);
		expect(lab.training.settings).toEqual({ depth: 20, backend: 'wasm' });
		expect(lab.training.status).toBe('running');

		// The reader's switch back to WebGPU is answered with WebAssembly until a reload.
		await lab.switchBackend('webgpu');
		expect(lab.backend).toBe('wasm');
		expect(lab.backendNote).toBe('WebGPU failed: the GPU device was lost; running on WebAssembly.');
		lab.training.cancel();
	});
});
