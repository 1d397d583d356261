/**
 * The runtime's WebAssembly for offline use. The service worker precaches pages, scripts and
 * models, but not the runtime's .wasm builds (41 MB for the two, of which a browser uses one):
 * the build this browser loaded is kept, once, in its own cache, which the worker answers .wasm
 * requests from (vite.config.ts, runtimeCaching). The page stores it itself, because on a first
 * visit the runtime may load before the worker controls the page.
 */
export const RUNTIME_CACHE = 'vlab-runtime';

const isRuntimeFile = (url: string) => url.startsWith(location.origin) && new URL(url).pathname.endsWith('.wasm');

/** Whether a runtime build is cached (the labs can compute offline). */
export async function runtimeCached(): Promise<boolean> {
	if (!('caches' in globalThis)) return false;
	const keys = await (await caches.open(RUNTIME_CACHE)).keys();
	return keys.some((request) => isRuntimeFile(request.url));
}

/**
 * Stores every runtime build this page loads (now or later) in the runtime cache, and calls
 * `onCached` after each. Returns a function that stops watching.
 */
export function keepRuntimeOffline(onCached: () => void): () => void {
	if (!('caches' in globalThis) || typeof PerformanceObserver === 'undefined') return () => {};
	const store = async (url: string) => {
		try {
			const cache = await caches.open(RUNTIME_CACHE);
			// From the HTTP cache the runtime has just filled, so no second download.
			if (!(await cache.match(url))) await cache.add(new Request(url, { cache: 'force-cache' }));
			onCached();
		} catch (error) {
			console.warn('could not keep the runtime for offline use', error);
		}
	};
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) if (isRuntimeFile(entry.name)) void store(entry.name);
	});
	observer.observe({ type: 'resource', buffered: true });
	return () => observer.disconnect();
}
