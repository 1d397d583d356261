/**
 * Which backend a page computes on, and word when WebGPU fails. Kept apart from runtime.ts
 * (sessions, runs): a lab's controller loads it in start(), beside the runtime, and the
 * practice deck and warmEarly reach it through runtime.ts's re-export.
 */
import { type Backend, webgpuAvailable } from './backend';
import { webgpuHealth } from './gpuLoss';

/** The backend to use: the reader's request if it can run, else WebGPU when an adapter exists. */
export async function chooseBackend(requested: Backend | null): Promise<{ backend: Backend; note?: string }> {
	if (requested === 'wasm') return { backend: 'wasm' };
	// Once WebGPU has failed on this page, its runtime is not used again until a reload.
	const failure = webgpuHealth.failure;
	if (failure !== null) return { backend: 'wasm', note: `WebGPU failed: ${failure}; running on WebAssembly.` };
	const hasGpu = await webgpuAvailable();
	if (hasGpu) return { backend: 'webgpu' };
	return {
		backend: 'wasm',
		note: requested === 'webgpu' ? 'This browser offers no WebGPU adapter; running on WebAssembly instead.' : undefined
	};
}

/**
 * Calls `listener` once when WebGPU fails for the page: its device is lost, or a WebGPU session
 * or run fails (gpuLoss.ts). Returns the unsubscribe.
 */
export function onWebgpuLost(listener: (reason: string) => void): () => void {
	return webgpuHealth.onFailure(listener);
}
