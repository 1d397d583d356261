/**
 * ORT's WebGPU WebAssembly is kept for offline use only where it would run: a browser with a
 * WebGPU adapter and JSPI. Elsewhere nothing is downloaded.
 */
import { describe, expect, test } from 'vitest';
import { WEBGPU_RUNTIME_CACHE, WEBGPU_RUNTIME_FILE } from '$lib/cache/offlineCaches';
import { cacheWebgpuRuntimeForOffline, type OfflineWebgpuHost } from '$lib/cache/webgpuRuntimeOffline';

const URL_IN_BUILD = '/_app/immutable/assets/ort-wasm-simd-threaded.jspi.CZzFqCHi.wasm';
const WITH_JSPI = { Suspending: function Suspending() {} };
const WITHOUT_JSPI = {};

/** A browser whose caches record what was opened, looked up and added. */
function browser(adapter: boolean, wasm: object, held: string[] = []) {
	const log: string[] = [];
	const host: OfflineWebgpuHost = {
		webgpu: async () => adapter,
		wasm,
		caches: {
			async open(name: string) {
				log.push(`open ${name}`);
				return {
					async match(url: string) {
						return held.includes(url) ? new Response('') : undefined;
					},
					async add(url: string) {
						log.push(`add ${url}`);
						held.push(url);
					}
				} as unknown as Cache;
			}
		}
	};
	return { host, log };
}

describe('cacheWebgpuRuntimeForOffline', () => {
	test('a browser with an adapter and JSPI gets the jspi build cached, once', async () => {
		const { host, log } = browser(true, WITH_JSPI);
		expect(await cacheWebgpuRuntimeForOffline(host, URL_IN_BUILD)).toBe('cached');
		expect(await cacheWebgpuRuntimeForOffline(host, URL_IN_BUILD)).toBe('cached');
		expect(log).toEqual([`open ${WEBGPU_RUNTIME_CACHE}`, `add ${URL_IN_BUILD}`, `open ${WEBGPU_RUNTIME_CACHE}`]);
	});

	test('no adapter, or no JSPI (ORT would use its asyncify build): nothing is opened or downloaded', async () => {
		for (const [adapter, wasm] of [
			[false, WITH_JSPI],
			[true, WITHOUT_JSPI],
			[false, WITHOUT_JSPI]
		] as const) {
			const { host, log } = browser(adapter, wasm);
			expect(await cacheWebgpuRuntimeForOffline(host, URL_IN_BUILD)).toBe('not-needed');
			expect(log).toEqual([]);
		}
	});

	test('a failed download rejects, so the page does not claim to be available offline', async () => {
		const { host } = browser(true, WITH_JSPI);
		const open = host.caches.open.bind(host.caches);
		host.caches.open = async (name) => Object.assign(await open(name), { add: async () => Promise.reject(new TypeError('Failed to fetch')) });
		await expect(cacheWebgpuRuntimeForOffline(host, URL_IN_BUILD)).rejects.toThrow('Failed to fetch');
	});

	test("the service worker's route for that cache matches the file's hashed name in the build, and no other runtime", () => {
		expect(WEBGPU_RUNTIME_FILE.test(`http://localhost:4173${URL_IN_BUILD}`)).toBe(true);
		expect(WEBGPU_RUNTIME_FILE.test('http://localhost:4173/_app/immutable/assets/ort-wasm-simd-threaded.DcHrbrbl.wasm')).toBe(false);
		expect(WEBGPU_RUNTIME_FILE.test('http://localhost:4173/_app/immutable/assets/ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm')).toBe(false);
	});
});
