/** The cache holding the runtime's .wasm for offline use (written by the page, read by the worker). */
export const RUNTIME_CACHE = 'vlab-runtime';
