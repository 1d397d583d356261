/**
 * Offline, a page runs on WebGPU only if ORT's WebGPU WebAssembly (the `jspi` build, 16.8 MB) is
 * cached. The service worker's precache leaves it out: every visitor would download it, and a
 * browser with no WebGPU adapter never runs it. Instead, once the worker is installed, the page
 * puts it in the cache the worker answers it from (vite.config.ts), and only in a browser that
 * would run it: one with a WebGPU adapter and JavaScript Promise Integration. (A browser with
 * WebGPU but no JSPI gets ORT's asyncify build, which is not kept offline at all: vite.config.ts
 * says why. Offline, its pages run on WebAssembly.)
 */
import jspiWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jspi.wasm?url';
import { webgpuAvailable } from '$lib/onnx/backend';
import { webgpuBuild } from '$lib/onnx/webgpuBuild';
import { WEBGPU_RUNTIME_CACHE } from './offlineCaches';

/** What the browser offers; the page's own by default (tests pass their own). */
export interface OfflineWebgpuHost {
	webgpu: () => Promise<boolean>;
	wasm: object | undefined;
	caches: { open(name: string): Promise<Pick<Cache, 'match' | 'add' | 'keys' | 'delete'>> };
}

const pageHost = (): OfflineWebgpuHost => ({ webgpu: webgpuAvailable, wasm: globalThis.WebAssembly, caches: globalThis.caches });

/**
 * `'not-needed'` in a browser that would not run the jspi build, `'cached'` once it is in the
 * cache (fetched now, or there already). Rejects when the download fails: the caller keeps
 * "available offline" unsaid, and a later visit tries again.
 */
export async function cacheWebgpuRuntimeForOffline(host: OfflineWebgpuHost = pageHost(), url: string = jspiWasmUrl): Promise<'not-needed' | 'cached'> {
	if (webgpuBuild(host.wasm) !== 'jspi') return 'not-needed';
	// Looked up before the adapter is asked for: a returning reader's check wakes no GPU.
	const cache = await host.caches.open(WEBGPU_RUNTIME_CACHE);
	if (!(await cache.match(url))) {
		if (!(await host.webgpu())) return 'not-needed';
		await cache.add(url);
	}
	// An older site's runtime (another hashed name) is of no use any more.
	for (const request of await cache.keys()) if (request.url !== new URL(url, request.url).href) await cache.delete(request);
	return 'cached';
}
