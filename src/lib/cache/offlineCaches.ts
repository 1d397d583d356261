/**
 * Caches the service worker shares with the page. Plain constants: vite.config.ts reads them to
 * configure the worker, and the page (webgpuRuntimeOffline.ts) writes to the same cache.
 */

/** ORT's WebGPU WebAssembly, kept for offline use only in browsers that run it. */
export const WEBGPU_RUNTIME_CACHE = 'vlab-webgpu-runtime';

/** The file that cache holds: ORT's `jspi` WebGPU build (its hashed name in the build). */
export const WEBGPU_RUNTIME_FILE = /\/ort-wasm-simd-threaded\.jspi\.[\w-]+\.wasm$/;
