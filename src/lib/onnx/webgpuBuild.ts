/**
 * Which of onnxruntime-web's WebGPU builds a browser gets. Both carry the same GPU provider; they
 * differ in how its WebAssembly waits for the GPU. The `jspi` build suspends through JavaScript
 * Promise Integration (`WebAssembly.Suspending`, in Chromium since 137); the `webgpu` build
 * rewrites its code to unwind and rewind the stack (asyncify), which makes its module larger and
 * slower to compile. Measured here (Chromium 156, SwiftShader): 4.1 MB gzip instead of 6.7 MB,
 * and the first WebGPU session built in 1.4 s instead of 2.3 s on the vanishing-gradients,
 * optimizers and attention pages; the runs themselves took the same time.
 */
export type WebgpuBuild = 'jspi' | 'asyncify';

export function webgpuBuild(wasm: object | undefined = globalThis.WebAssembly): WebgpuBuild {
	return typeof (wasm as { Suspending?: unknown } | undefined)?.Suspending === 'function' ? 'jspi' : 'asyncify';
}
