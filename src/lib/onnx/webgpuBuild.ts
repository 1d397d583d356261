/**
 * Which of onnxruntime-web's WebGPU builds a browser gets. Both carry the same GPU provider; they
 * differ in how its WebAssembly waits for the GPU. The `jspi` build suspends through JavaScript
 * Promise Integration (`WebAssembly.Suspending`, in Chromium since 137); the `webgpu` build
 * rewrites its code to unwind and rewind the stack (asyncify), which makes its module larger and
 * slower to compile. Measured here (Chromium 156, SwiftShader): 3.9 MB gzip instead of 6.3 MB
 * (`npm run bench`'s sizes); the first WebGPU session built in 1.4 s instead of 2.3 s on the
 * vanishing-gradients, optimizers and attention pages, the runs themselves in the same time; and
 * on the bench, vanishing gradients' runtime was up in 2.7–2.8 s instead of 3.8–3.9 s, with its
 * longest main-thread task before that 0.35 s instead of 0.68–0.76 s.
 */
export type WebgpuBuild = 'jspi' | 'asyncify';

export function webgpuBuild(wasm: object | undefined = globalThis.WebAssembly): WebgpuBuild {
	return typeof (wasm as { Suspending?: unknown } | undefined)?.Suspending === 'function' ? 'jspi' : 'asyncify';
}
