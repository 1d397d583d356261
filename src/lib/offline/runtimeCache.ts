/**
 * The runtime's WebAssembly for offline use. The service worker precaches pages, scripts and
 * models, but not the runtime's .wasm builds (41 MB for the two, of which a browser uses one):
 * the build this browser's backend uses, and any other it loaded, is kept once in a cache of its
 * own, which the worker answers .wasm requests from (vite.config.ts, runtimeCaching). The page
 * stores it itself: the runtime fetches it in its own worker, and on a first visit before the
 * service worker controls the page.
 */
import plainWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import gpuWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { requestedBackend, webgpuAvailable, type Backend } from '$lib/onnx/backend';
import { RUNTIME_CACHE } from './cacheName';

/** The .wasm each backend's runtime loads (runtime.ts: WASM the plain build, WebGPU asyncify). */
const RUNTIME_FILE: Record<Backend, string> = { wasm: plainWasm, webgpu: gpuWasm };

const loaded = new Set<Backend>();
const listeners = new Set<(backend: Backend) => void>();

/** Called by the runtime once a backend's WebAssembly has loaded (its first session exists). */
export function announceRuntime(backend: Backend): void {
	if (loaded.has(backend)) return;
	loaded.add(backend);
	for (const listener of listeners) listener(backend);
}

/** Whether a runtime build is cached (the labs can compute offline). */
export async function runtimeCached(): Promise<boolean> {
	if (!('caches' in globalThis)) return false;
	const cache = await caches.open(RUNTIME_CACHE);
	for (const url of Object.values(RUNTIME_FILE)) if (await cache.match(url)) return true;
	return false;
}

/**
 * Stores each runtime build this page loads (already, or later) in the runtime cache, and calls
 * `onCached` after each. Returns a function that stops watching.
 */
export function keepRuntimeOffline(onCached: () => void): () => void {
	if (!('caches' in globalThis)) return () => {};
	const store = async (backend: Backend) => {
		const url = new URL(RUNTIME_FILE[backend], location.href).href;
		try {
			const cache = await caches.open(RUNTIME_CACHE);
			// From the HTTP cache the runtime has just filled: no second download.
			if (!(await cache.match(url))) await cache.add(new Request(url, { cache: 'force-cache' }));
			onCached();
		} catch (error) {
			console.warn('could not keep the runtime for offline use', error);
		}
	};
	const listener = (backend: Backend) => void store(backend);
	listeners.add(listener);
	for (const backend of loaded) listener(backend);
	// The build this browser will run, even on a page that has not needed it yet (/practice, the
	// index): offline after one visit means any page, not only a lab that has computed.
	void likelyBackend().then(listener);
	return () => listeners.delete(listener);
}

/** The backend a lab page here would choose (runtime.ts chooseBackend): the reader's, else WebGPU if any. */
async function likelyBackend(): Promise<Backend> {
	const requested = requestedBackend(new URL(location.href).searchParams);
	if (requested) return requested;
	return (await webgpuAvailable()) ? 'webgpu' : 'wasm';
}
