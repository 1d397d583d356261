/**
 * onnxruntime-web's WASM-only build, re-exported from a module that knows its own URL. The page
 * runs its WASM models with it (runtime.ts), and the training worker imports this URL at run
 * time instead of bundling its own copy of the runtime: a bundled copy would come with another
 * .wasm file under another name, which the browser would download again. Imported this way, the
 * worker loads the very files the page has already loaded (from the HTTP cache).
 */
export * as ort from 'onnxruntime-web/wasm';

export const moduleUrl: string = import.meta.url;
