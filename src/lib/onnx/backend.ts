/** Which execution backend runs the models, and how the reader's choice is read from the URL. */

export type Backend = 'webgpu' | 'wasm';
export const backends: readonly Backend[] = ['webgpu', 'wasm'];

/** `?backend=wasm|webgpu` forces a backend (tests, benchmarks, a reader's switch). */
export function requestedBackend(params: URLSearchParams): Backend | null {
	const raw = params.get('backend');
	return raw === 'webgpu' || raw === 'wasm' ? raw : null;
}

/** True when the browser can give us a WebGPU adapter (not just expose `navigator.gpu`). */
export async function webgpuAvailable(): Promise<boolean> {
	const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } })?.gpu;
	if (!gpu) return false;
	try {
		return (await gpu.requestAdapter()) !== null;
	} catch {
		return false;
	}
}
